// libFuzzer target: arbitrary bytes as requests to every RPC of one service
// (chosen at build time: ZS_FUZZ_LEAD, _PROJECT, _SUPERVISION, _REPORTING),
// sent through a real gRPC channel to the service running in-process on the
// private test PostgreSQL (ZS_TEST_PG_CONNINFO, as ./zs test sets it).
//
// Input: byte 0 picks the method, the rest is the serialized request. Bytes
// that do not parse as that request are skipped; seeds in
// tests/fuzz/corpus/<service>/ are valid requests that libFuzzer mutates
// into valid-ish ones. A crash, a sanitizer report, or an answer of INTERNAL
// or UNKNOWN (a bug: bad input must get a clear code) fails the run.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>

#include "absl/strings/str_cat.h"
#include "tests/support/reporting_server.h"
#include "tests/support/supervision_server.h"

namespace {

struct Target {
  std::shared_ptr<grpc::Channel> channel;
  const google::protobuf::ServiceDescriptor* service;
};

// The servers live for the whole run; libFuzzer never returns from main.
Target* StartTarget() {
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
#if defined(ZS_FUZZ_LEAD)
  auto* server = new zs::testing::LeadServer();
  return new Target{server->channel(), pool->FindServiceByName("zhaoshang.lead.v1.LeadService")};
#elif defined(ZS_FUZZ_PROJECT)
  auto* server = new zs::testing::ProjectServer();
  return new Target{server->channel(),
                    pool->FindServiceByName("zhaoshang.project.v1.ProjectService")};
#elif defined(ZS_FUZZ_SUPERVISION)
  auto* server = new zs::testing::SupervisionServer();
  return new Target{grpc::CreateChannel(absl::StrCat("127.0.0.1:", server->port()),
                                        grpc::InsecureChannelCredentials()),
                    pool->FindServiceByName("zhaoshang.supervision.v1.SupervisionService")};
#else
  auto* server = new zs::testing::ReportingServer();
  return new Target{server->channel(),
                    pool->FindServiceByName("zhaoshang.reporting.v1.ReportingService")};
#endif
}

Target& TheTarget() {
  static Target* target = StartTarget();
  return *target;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Target& target = TheTarget();
  const auto* method = target.service->method(data[0] % target.service->method_count());
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<google::protobuf::Message> request(
      factory.GetPrototype(method->input_type())->New());
  if (!request->ParseFromArray(data + 1, static_cast<int>(size - 1))) return 0;

  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(target.channel);
  grpc::ClientContext context;
  context.AddMetadata("x-zs-principal", "fuzzer");
  context.AddMetadata("x-zs-role", "bureau_admin");  // reach every RPC, admin ones too
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  const std::string bytes = request->SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, absl::StrCat("/", target.service->full_name(), "/", method->name()),
                 grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  const grpc::Status status = done.get_future().get();
  if (status.error_code() == grpc::StatusCode::INTERNAL ||
      status.error_code() == grpc::StatusCode::UNKNOWN) {
    std::fprintf(stderr, "%s answered %d: %s\n", method->full_name().c_str(), status.error_code(),
                 status.error_message().c_str());
    std::abort();
  }
  return 0;
}

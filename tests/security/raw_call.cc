#include "tests/security/raw_call.h"

#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>

#include <future>

#include "absl/strings/str_cat.h"
#include "common/security/access_policy.h"
#include "tests/support/lead_server.h"

namespace zs::testing {

grpc::Status CallBytes(const std::shared_ptr<grpc::Channel>& channel,
                       const google::protobuf::MethodDescriptor& method, const std::string& bytes) {
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer in(&slice, 1), out;
  const Kinds callers = AllowedCallers(method);
  const bool service_only = !callers.Contains(PrincipalKind::kBureauAdmin) &&
                            callers.Contains(PrincipalKind::kServiceAccount);
  std::unique_ptr<grpc::ClientContext> context =
      service_only ? ContextAs("zs-lead", "service") : AdminContext();
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(),
                 absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                 grpc::StubOptions(), &in, &out,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  return done.get_future().get();
}

std::unique_ptr<google::protobuf::Message> NewRequest(
    const google::protobuf::MethodDescriptor& method) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.input_type())
          ->New());
}

}  // namespace zs::testing

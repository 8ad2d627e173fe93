#include "tests/security/raw_call.h"

#include <google/protobuf/message.h>
#include <grpcpp/generic/generic_stub.h>

#include <future>

#include "absl/strings/str_cat.h"
#include "common/security/access_policy.h"
#include "services/lead/lead_access.h"
#include "services/project/project_access.h"
#include "services/reporting/reporting_service.h"
#include "services/supervision/supervision_access.h"
#include "tests/support/lead_server.h"

namespace zs::testing {
namespace {

const AccessPolicy* PolicyOf(const google::protobuf::ServiceDescriptor& service) {
  if (service.name() == "LeadService") return &lead::LeadAccessPolicy();
  if (service.name() == "ProjectService") return &project::ProjectAccessPolicy();
  if (service.name() == "SupervisionService") return &supervision::SupervisionAccessPolicy();
  if (service.name() == "ReportingService") return &reporting::ReportingAccessPolicy();
  return nullptr;
}

}  // namespace

grpc::Status CallBytes(const std::shared_ptr<grpc::Channel>& channel,
                       const google::protobuf::MethodDescriptor& method, const std::string& bytes) {
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer in(&slice, 1), out;
  const AccessPolicy* policy = PolicyOf(*method.service());
  const bool service_only = policy != nullptr &&
                            !policy->Allows(method.name(), PrincipalKind::kBureauAdmin) &&
                            policy->Allows(method.name(), PrincipalKind::kServiceAccount);
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

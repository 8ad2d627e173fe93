#include "services/gateway/backends.h"

#include <grpcpp/client_context.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/rpc_method.h>

namespace zs::gateway {

Backends::Backends(std::map<std::string, std::vector<std::shared_ptr<grpc::Channel>>> channels,
                   absl::Duration call_timeout)
    : channels_(std::move(channels)), call_timeout_(call_timeout) {}

grpc::Status Backends::Call(const std::string& service_full_name, const std::string& grpc_method,
                            const google::protobuf::Message& request, const CallerMetadata& caller,
                            google::protobuf::Message* response) const {
  auto channels = channels_.find(service_full_name);
  if (channels == channels_.end() || channels->second.empty()) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        service_full_name + " has no backend address configured in the gateway");
  }
  grpc::Channel& channel = *channels->second[next_++ % channels->second.size()];
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + call_timeout_));
  if (!caller.authorization.empty()) context.AddMetadata("authorization", caller.authorization);
  if (!caller.client_address.empty()) {
    context.AddMetadata("x-zs-client-address", caller.client_address);
  }
  if (!caller.user_agent.empty()) {
    context.AddMetadata("x-zs-client-user-agent", caller.user_agent.substr(0, 256));
  }
  if (!caller.traceparent.empty()) context.AddMetadata("traceparent", caller.traceparent);
  const grpc::internal::RpcMethod method(grpc_method.c_str(),
                                         grpc::internal::RpcMethod::NORMAL_RPC);
  return grpc::internal::BlockingUnaryCall<google::protobuf::Message, google::protobuf::Message>(
      &channel, method, &context, request, response);
}

}  // namespace zs::gateway

#include "services/gateway/backends.h"

#include <grpcpp/client_context.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <mutex>

namespace zs::gateway {

Backends::Backends(std::map<std::string, std::shared_ptr<grpc::Channel>> channels,
                   absl::Duration call_timeout)
    : call_timeout_(call_timeout) {
  for (auto& [name, channel] : channels) {
    stubs_.emplace(name, std::make_unique<grpc::GenericStub>(channel));
  }
}

grpc::Status Backends::Call(const std::string& service_full_name, const std::string& grpc_method,
                            const google::protobuf::Message& request, const CallerMetadata& caller,
                            google::protobuf::Message* response) const {
  auto stub = stubs_.find(service_full_name);
  if (stub == stubs_.end()) {
    return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                        service_full_name + " has no backend address configured in the gateway");
  }
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

  std::string bytes = request.SerializeAsString();
  grpc::Slice slice(std::move(bytes));
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  std::mutex mu;
  std::condition_variable done_cv;
  bool done = false;
  grpc::Status status;
  stub->second->UnaryCall(&context, grpc_method, grpc::StubOptions(), &request_buffer,
                          &response_buffer, [&](grpc::Status s) {
                            std::lock_guard<std::mutex> lock(mu);
                            status = std::move(s);
                            done = true;
                            done_cv.notify_one();
                          });
  {
    std::unique_lock<std::mutex> lock(mu);
    done_cv.wait(lock, [&] { return done; });
  }
  if (!status.ok()) return status;
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "unreadable response from " + service_full_name);
  }
  std::string answer;
  for (const grpc::Slice& s : slices) {
    answer.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  if (!response->ParseFromString(answer)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "unparsable response from " + service_full_name);
  }
  return status;
}

}  // namespace zs::gateway

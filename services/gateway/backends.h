// The services behind the gateway: a few channels (connections) per service,
// calls by method name with dynamic messages (no generated stub), each made
// blocking on the HTTP request's own thread, with a deadline and
// the caller's credentials. The gateway forwards only metadata it sets
// itself: never a client's x-zs-* headers (which loopback development
// services would trust as the principal).
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/channel.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace zs::gateway {

// What the gateway tells a service about the HTTP caller.
struct CallerMetadata {
  std::string authorization;  // "Bearer …" or empty
  // The peer's address as the socket gives it and its User-Agent, for the
  // audit of sign-ins (x-zs-client-address, x-zs-client-user-agent): set by
  // the gateway, never copied from the client's headers of the same name.
  std::string client_address;
  std::string user_agent;
  std::string traceparent;  // W3C trace context, if the client sent one
};

class Backends {
 public:
  // `channels`: service full name → its channels, used in turn.
  Backends(std::map<std::string, std::vector<std::shared_ptr<grpc::Channel>>> channels,
           absl::Duration call_timeout);

  // Calls `grpc_method` ("/pkg.Service/Method") with `request`; parses the
  // answer into `response`. Blocking: the completion is taken on this
  // thread, not handed over from gRPC's (a thread switch per call costs
  // much on a busy machine).
  grpc::Status Call(const std::string& service_full_name, const std::string& grpc_method,
                    const google::protobuf::Message& request, const CallerMetadata& caller,
                    google::protobuf::Message* response) const;

 private:
  std::map<std::string, std::vector<std::shared_ptr<grpc::Channel>>> channels_;
  absl::Duration call_timeout_;
  mutable std::atomic<unsigned> next_{0};
};

}  // namespace zs::gateway

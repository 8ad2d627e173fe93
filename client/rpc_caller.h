// Calls any RPC of the central services by its descriptor over a generic
// stub, with the profile's credentials and a deadline per attempt. Calls
// that fail for reasons a slow or broken link explains (UNAVAILABLE,
// DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) are retried with exponential
// backoff, sending the identical request: a mutation's request_id makes the
// retry return the first attempt's result instead of doing it twice.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/channel.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "client/profile.h"

namespace zs::client {

class RpcCaller {
 public:
  // Reads the token and TLS files the profile names; refuses to send a
  // token in plaintext anywhere but loopback.
  static absl::StatusOr<std::unique_ptr<RpcCaller>> Create(const Profile& profile);

  // Called before each retry with the attempt that failed (1-based).
  using RetryObserver = std::function<void(int attempt, const grpc::Status& status)>;

  grpc::Status Call(const google::protobuf::MethodDescriptor& method,
                    const google::protobuf::Message& request, google::protobuf::Message* response,
                    const RetryObserver& on_retry = {});

  // The channel for `method`'s service, made now: a profile that names no
  // endpoint or no way to secure it fails here, before any call
  // (FAILED_PRECONDITION: a configuration error, exit 2).
  absl::Status Prepare(const google::protobuf::MethodDescriptor& method);

  const Profile& profile() const { return profile_; }
  // The bearer token read from the profile's token_file (empty: none).
  const std::string& token() const { return token_; }

  // lead, project, supervision or reporting: the second part of the package.
  static std::string ServiceOf(const google::protobuf::MethodDescriptor& method);

 private:
  explicit RpcCaller(const Profile& profile) : profile_(profile) {}
  absl::StatusOr<std::shared_ptr<grpc::Channel>> ChannelFor(const std::string& service);
  grpc::Status CallOnce(grpc::Channel& channel, const google::protobuf::MethodDescriptor& method,
                        const std::string& request, google::protobuf::Message* response);

  Profile profile_;
  std::string token_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

// Whether a failed call may succeed if simply tried again later.
bool IsTransient(grpc::StatusCode code);

// The services' certificate is not signed by the profile's CA (or the TLS
// handshake was refused): gRPC reports it as UNAVAILABLE, but waiting will
// not help — it is wrong configuration, or someone in the middle.
bool IsUntrustedCertificate(const grpc::Status& status);

// Whether a change that failed this way may be queued for `zsctl sync`:
// only the link being down or too slow (UNAVAILABLE, DEADLINE_EXCEEDED),
// never a refusal, a bad token or an untrusted certificate.
bool IsQueueable(const grpc::Status& status);

}  // namespace zs::client

#include "client/rpc_caller.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <algorithm>
#include <future>
#include <random>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/config.h"
#include "common/errors.h"
#include "common/principal.h"
#include "common/security/tls.h"
#include "common/telemetry/trace_context.h"

namespace zs::client {
namespace {

constexpr absl::Duration kFirstBackoff = absl::Milliseconds(250);
constexpr absl::Duration kMaxBackoff = absl::Seconds(8);

grpc::Status FromAbsl(const absl::Status& status) {
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

absl::Duration Backoff(int attempt) {
  static thread_local std::mt19937 random{std::random_device{}()};
  absl::Duration base = std::min(kMaxBackoff, kFirstBackoff * (1 << std::min(attempt - 1, 10)));
  // ±20% jitter, so offices reconnecting at once do not retry in lockstep.
  return base * std::uniform_real_distribution<double>(0.8, 1.2)(random);
}

}  // namespace

bool IsTransient(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::DEADLINE_EXCEEDED ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

bool IsUntrustedCertificate(const grpc::Status& status) {
  if (status.error_code() != grpc::StatusCode::UNAVAILABLE) return false;
  const std::string message = absl::AsciiStrToLower(status.error_message());
  return absl::StrContains(message, "certificate verify failed") ||
         absl::StrContains(message, "certificate_verify_failed") ||
         absl::StrContains(message, "handshake failed");
}

bool IsQueueable(const grpc::Status& status) {
  return (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
          status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) &&
         !IsUntrustedCertificate(status);
}

absl::StatusOr<std::unique_ptr<RpcCaller>> RpcCaller::Create(const Profile& profile) {
  std::unique_ptr<RpcCaller> caller(new RpcCaller(profile));
  if (!profile.token_file.empty()) {
    ZS_ASSIGN_OR_RETURN(caller->token_, ReadSecretFile(profile.token_file));
  }
  return caller;
}

absl::Status RpcCaller::Prepare(const google::protobuf::MethodDescriptor& method) {
  return ChannelFor(ServiceOf(method)).status();
}

std::string RpcCaller::ServiceOf(const google::protobuf::MethodDescriptor& method) {
  std::vector<std::string> parts = absl::StrSplit(method.service()->file()->package(), '.');
  return parts.size() >= 2 ? parts[1] : method.service()->name();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> RpcCaller::ChannelFor(const std::string& service) {
  if (auto it = channels_.find(service); it != channels_.end()) return it->second;
  const std::string address = profile_.EndpointFor(service);
  if (address.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("profile ", profile_.name, " names no endpoint for the ", service,
                     " service (set endpoint or ", service, "_endpoint, or ZSCTL_ENDPOINT)"));
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (!profile_.tls_ca_file.empty()) {
    ZS_ASSIGN_OR_RETURN(credentials, MakeChannelCredentials({.ca_file = profile_.tls_ca_file,
                                                             .cert_file = profile_.tls_cert_file,
                                                             .key_file = profile_.tls_key_file}));
  } else if (profile_.plaintext) {
    if (!token_.empty() && !IsLoopbackAddress(address)) {
      return absl::FailedPreconditionError(
          absl::StrCat("refusing to send a token in plaintext to ", address, ": set tls_ca_file"));
    }
    credentials = grpc::InsecureChannelCredentials();
  } else {
    return absl::FailedPreconditionError(
        absl::StrCat("profile ", profile_.name,
                     " sets neither tls_ca_file nor plaintext = true (loopback development)"));
  }
  grpc::ChannelArguments arguments;
  // Reports and exports can be large; the services cap what they send.
  arguments.SetMaxReceiveMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel(address, credentials, arguments);
  channels_[service] = channel;
  return channel;
}

grpc::Status RpcCaller::CallOnce(grpc::Channel& channel,
                                 const google::protobuf::MethodDescriptor& method,
                                 const std::string& request, google::protobuf::Message* response) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + profile_.timeout));
  // Each call starts a trace, so its lines in every service's log can be
  // found by one trace_id.
  context.AddMetadata(kTraceparentMetadataKey, StartSpan(std::nullopt).Traceparent());
  if (!token_.empty()) {
    context.AddMetadata("authorization", "Bearer " + token_);
  } else if (!profile_.dev_principal.empty()) {
    context.AddMetadata(kPrincipalMetadataKey, profile_.dev_principal);
    if (!profile_.dev_role.empty()) context.AddMetadata(kRoleMetadataKey, profile_.dev_role);
    if (!profile_.dev_unit.empty()) context.AddMetadata(kUnitMetadataKey, profile_.dev_unit);
  }
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(
      std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  grpc::Slice slice(request);
  grpc::ByteBuffer request_buffer(&slice, 1), response_buffer;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                 grpc::StubOptions(), &request_buffer, &response_buffer,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  grpc::Status status = done.get_future().get();
  if (!status.ok()) return status;
  std::vector<grpc::Slice> slices;
  if (!response_buffer.Dump(&slices).ok()) {
    return grpc::Status(grpc::StatusCode::INTERNAL, "unreadable response");
  }
  std::string bytes;
  for (const grpc::Slice& s : slices)
    bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  if (!response->ParseFromString(bytes)) {
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        "the response does not match this zsctl's contracts: upgrade zsctl");
  }
  return grpc::Status::OK;
}

grpc::Status RpcCaller::Call(const google::protobuf::MethodDescriptor& method,
                             const google::protobuf::Message& request,
                             google::protobuf::Message* response, const RetryObserver& on_retry) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = ChannelFor(ServiceOf(method));
  if (!channel.ok()) return FromAbsl(channel.status());
  const std::string bytes = request.SerializeAsString();
  for (int attempt = 1;; ++attempt) {
    response->Clear();
    grpc::Status status = CallOnce(**channel, method, bytes, response);
    if (status.ok() || !IsTransient(status.error_code()) || IsUntrustedCertificate(status) ||
        attempt > profile_.retries) {
      return status;
    }
    if (on_retry) on_retry(attempt, status);
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(Backoff(attempt)));
  }
}

}  // namespace zs::client

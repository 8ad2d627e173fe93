// Calls from one service to another: each carries a deadline no later than
// the caller's own and the calling service's own credentials (its bearer
// token; in loopback development, service-account metadata), naming the
// person it acts for; failures come back as statuses that name the service
// that failed.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/rpc.h"

namespace zs {

// Who this process is when it calls another service. Set once in main()
// before any call; the default (tests) is a development service account.
struct OutboundIdentity {
  std::string service = "zs-service";
  std::string token;  // bearer token; empty: development metadata
};
void SetOutboundIdentity(OutboundIdentity identity);

// Sets the deadline (the sooner of the caller's and now + `timeout`), this
// service's credentials, the person the call is made for and the caller's
// trace (W3C traceparent, with `call`'s span as the parent).
void PrepareOutboundContext(const CallContext& call, absl::Duration timeout,
                            grpc::ClientContext* context);

// UNAVAILABLE and DEADLINE_EXCEEDED become UNAVAILABLE naming `service`;
// other codes keep their code with the service named in the message.
absl::Status FromOutboundStatus(absl::string_view service, const grpc::Status& status);

// A stub of another service (`Service` is its generated class) that makes
// every call as above: `lead_.Call(call, &lv1::LeadService::Stub::GetLead,
// request, &lead)` prepares a fresh context for `call` with this stub's
// timeout, and its failure comes back through FromOutboundStatus naming
// the service.
template <typename Service>
class OutboundStub {
 public:
  using Stub = typename Service::Stub;
  template <typename Request, typename Response>
  using Method = grpc::Status (Stub::*)(grpc::ClientContext*, const Request&, Response*);

  // `name` is the service as errors name it ("lead").
  OutboundStub(std::string name, std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
      : name_(std::move(name)), stub_(Service::NewStub(std::move(channel))), timeout_(timeout) {}

  template <typename Request, typename Response>
  absl::Status Call(const CallContext& call, Method<Request, Response> method,
                    const Request& request, Response* response) const {
    grpc::ClientContext context;
    PrepareOutboundContext(call, timeout_, &context);
    return FromOutboundStatus(name_, ((*stub_).*method)(&context, request, response));
  }

 private:
  std::string name_;
  std::unique_ptr<Stub> stub_;
  absl::Duration timeout_;
};

}  // namespace zs

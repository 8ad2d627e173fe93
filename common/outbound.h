// Calls from one service to another: each carries a deadline no later than
// the caller's own and the calling service's own credentials (its bearer
// token; in loopback development, service-account metadata), naming the
// person it acts for; failures come back as statuses that name the service
// that failed.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <string>

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

}  // namespace zs

// Calls from one service to another: each carries a deadline no later than
// the caller's own, and the caller's credentials (today the development
// principal metadata), and its failures come back as statuses that name the
// service that failed.
#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/rpc.h"

namespace zs {

// Sets the deadline (the sooner of the caller's and now + `timeout`) and
// forwards the caller's principal.
void PrepareOutboundContext(const CallContext& call, absl::Duration timeout,
                            grpc::ClientContext* context);

// UNAVAILABLE and DEADLINE_EXCEEDED become UNAVAILABLE naming `service`;
// other codes keep their code with the service named in the message.
absl::Status FromOutboundStatus(absl::string_view service, const grpc::Status& status);

}  // namespace zs

#include "common/outbound.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace zs {

void PrepareOutboundContext(const CallContext& call, absl::Duration timeout,
                            grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(std::min(call.deadline, absl::Now() + timeout)));
  context->AddMetadata(kPrincipalMetadataKey, call.principal.id);
  context->AddMetadata(kRoleMetadataKey, PrincipalKindName(call.principal.kind));
  if (!call.principal.unit_code.empty()) {
    context->AddMetadata(kUnitMetadataKey, call.principal.unit_code);
  }
}

absl::Status FromOutboundStatus(absl::string_view service, const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return absl::UnavailableError(absl::StrCat("the ", service, " service is unavailable (",
                                               status.error_message(),
                                               "); retry with the same request_id"));
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(service, " service: ", status.error_message()));
}

}  // namespace zs

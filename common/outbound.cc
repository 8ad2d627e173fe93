#include "common/outbound.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/security/gatekeeper.h"

namespace zs {

namespace {

OutboundIdentity& Identity() {
  static OutboundIdentity identity;
  return identity;
}

}  // namespace

void SetOutboundIdentity(OutboundIdentity identity) { Identity() = std::move(identity); }

void PrepareOutboundContext(const CallContext& call, absl::Duration timeout,
                            grpc::ClientContext* context) {
  context->set_deadline(absl::ToChronoTime(std::min(call.deadline, absl::Now() + timeout)));
  const OutboundIdentity& identity = Identity();
  if (!identity.token.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", identity.token));
  } else {
    context->AddMetadata(kPrincipalMetadataKey, identity.service);
    context->AddMetadata(kRoleMetadataKey, PrincipalKindName(PrincipalKind::kServiceAccount));
  }
  const std::string& person =
      call.principal.on_behalf_of.empty() ? call.principal.id : call.principal.on_behalf_of;
  context->AddMetadata(kOnBehalfOfMetadataKey, person);
  // This call's span is the parent of the span the other service starts.
  if (!call.trace.trace_id.empty()) {
    context->AddMetadata(kTraceparentMetadataKey, call.trace.Traceparent());
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

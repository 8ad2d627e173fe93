#include "services/project/lead_conversion.h"

#include "absl/strings/str_cat.h"
#include "common/business_date.h"
#include "common/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/idempotency.h"
#include "common/security/scope.h"
#include "common/validation.h"
#include "services/project/project_access.h"
#include "services/project/project_rules.h"

namespace zs::project {

LeadConversion::LeadConversion(const LeadClient& leads, const ProjectStore& projects)
    : leads_(leads), projects_(projects) {}

absl::Status LeadConversion::Finish(const CallContext& call, ConnectionSlot& slot,
                                    int64_t project_id, int64_t lead_id) const {
  absl::StatusOr<lv1::Lead> converted = leads_.ConvertLead(call, lead_id, project_id);
  if (!converted.ok()) {
    return absl::Status(
        converted.status().code(),
        absl::StrCat("project ", project_id, " was created but lead ", lead_id,
                     " is not yet marked converted: ", converted.status().message(),
                     ". Retrying with the same request_id (or RepairLeadConversions) finishes it"));
  }
  return RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    projects_.ConfirmConversion(tx, project_id);
    return absl::OkStatus();
  });
}

// Conversion spans two services, so it is made exactly-once in steps that
// are each safe to repeat:
//   1. read the lead (a lead already converted into project P resumes at 3);
//   2. create the project, pending, under the caller's request_id — unique
//      per lead, so a retry finds the same project;
//   3. ConvertLead on the lead service with a request id derived from the
//      project (the lead side accepts a repeat for the same project);
//   4. clear the project's pending flag.
// A failure between 2 and 4 leaves a pending project that a retry, or
// RepairLeadConversions, completes.
absl::Status LeadConversion::Convert(const CallContext& call, ConnectionSlot& slot,
                                     const v1::ConvertLeadToProjectRequest& request,
                                     v1::Project* out) const {
  ZS_RETURN_IF_ERROR(ValidateRequestId(request.request_id()));
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  // A retry gets the first answer: the project as it was created (the
  // lead side finished if it was not), however it has moved on since.
  const IdempotentCall idempotent = IdempotencyOf(call, request.request_id(), request);
  v1::Project first;
  bool replayed = false;
  ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    first.Clear();
    ZS_ASSIGN_OR_RETURN(replayed, ReplayCompleted(tx, idempotent, &first));
    return absl::OkStatus();
  }));
  if (replayed) {
    if (first.lead_conversion_pending()) {
      ZS_RETURN_IF_ERROR(Finish(call, slot, first.id(), request.lead_id()));
      first.set_lead_conversion_pending(false);  // what the first call answered
    }
    *out = std::move(first);
    return absl::OkStatus();
  }
  absl::StatusOr<lv1::Lead> lead = leads_.GetLead(call, request.lead_id());
  if (lead.status().code() == absl::StatusCode::kNotFound) {
    // A unit or office hears the same of a missing lead as of another's.
    if (IsUnitScoped(call.principal)) return DeniedRecord();
    return InvalidField("lead_id", absl::StrCat("lead ", request.lead_id(), " does not exist"));
  }
  if (!lead.ok()) return lead.status();
  ZS_RETURN_IF_ERROR(
      RequireOwnUnitOrOffice(call.principal, lead->unit_code(), lead->office_code()));
  if (!request.negotiation_date().empty()) {
    ZS_RETURN_IF_ERROR(
        ValidateBusinessDate("negotiation_date", request.negotiation_date(), TodayInChina(),
                             DateFloor{lead->collected_date(), "the lead's collected_date"}));
  }
  int64_t project_id = 0;
  if (lead->status() == lv1::LEAD_STATUS_CONVERTED) {
    project_id = lead->project_id();  // step 3 happened; only 4 may be missing
  } else {
    ZS_ASSIGN_OR_RETURN(v1::Project project, ProjectFromLead(*lead, request.project()));
    if (call.principal.kind == PrincipalKind::kUnitStaff) {
      ZS_RETURN_IF_ERROR(RequireOwnNewProject(call.principal, project.unit_code()));
    }
    v1::Project created;
    ZS_RETURN_IF_ERROR(RunIdempotentTransaction(
        slot, call.deadline, idempotent, &created, [&](pqxx::transaction_base& tx) {
          return projects_.CreateFromLead(tx, call, project, request.negotiation_date(), &created);
        }));
    project_id = created.id();
  }
  ZS_RETURN_IF_ERROR(Finish(call, slot, project_id, request.lead_id()));
  return RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    out->Clear();
    return projects_.Get(tx, project_id, out);
  });
}

absl::Status LeadConversion::RepairPending(const CallContext& call, ConnectionSlot& slot,
                                           const v1::RepairLeadConversionsRequest& request,
                                           v1::RepairLeadConversionsResponse* out) const {
  // A retry gets the first run's counts; a new request id runs again.
  const IdempotentCall idempotent = IdempotencyOf(call, request.request_id(), request);
  bool replayed = false;
  ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    out->Clear();
    ZS_ASSIGN_OR_RETURN(replayed, ReplayCompleted(tx, idempotent, out));
    return absl::OkStatus();
  }));
  if (replayed) return absl::OkStatus();
  std::vector<std::pair<int64_t, int64_t>> pending;
  ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    pending = projects_.PendingConversions(tx);
    return absl::OkStatus();
  }));
  out->Clear();
  for (const auto& [project_id, lead_id] : pending) {
    if (Finish(call, slot, project_id, lead_id).ok()) {
      out->set_repaired(out->repaired() + 1);
    } else {
      out->set_still_pending(out->still_pending() + 1);
    }
  }
  const v1::RepairLeadConversionsResponse counts = *out;
  return RunIdempotentTransaction(slot, call.deadline, idempotent, out,
                                  [&](pqxx::transaction_base&) {
                                    *out = counts;
                                    return absl::OkStatus();
                                  });
}

}  // namespace zs::project

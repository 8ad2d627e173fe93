// SQL for leads: creation with the one-open-lead-per-enterprise rule,
// updates, follow-ups, status changes with history, time limits and the
// overdue list.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "services/lead/enterprise_store.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

class LeadStore {
 public:
  explicit LeadStore(const Directory& directory) : directory_(directory) {}

  // One statement (see RunIdempotentStatement); RenderRecorded answers its
  // repeats.
  absl::Status Create(pqxx::transaction_base& tx, const CallContext& call,
                      const StatementClaim& claim, const v1::CreateLeadRequest& request,
                      v1::Lead* out) const;
  absl::Status RenderRecorded(pqxx::transaction_base& tx, const std::string& request_id,
                              v1::Lead* out) const;
  absl::Status Get(pqxx::transaction_base& tx, int64_t id, v1::Lead* out) const;
  absl::Status List(pqxx::transaction_base& tx, const v1::ListLeadsRequest& request,
                    v1::ListLeadsResponse* out) const;
  absl::Status Update(pqxx::transaction_base& tx, const v1::UpdateLeadRequest& request,
                      v1::Lead* out) const;
  absl::Status AddFollowUp(pqxx::transaction_base& tx, const CallContext& call,
                           const v1::AddFollowUpRequest& request, v1::FollowUp* out) const;
  absl::Status ListFollowUps(pqxx::transaction_base& tx, const v1::ListFollowUpsRequest& request,
                             v1::ListFollowUpsResponse* out) const;
  absl::Status Convert(pqxx::transaction_base& tx, const CallContext& call,
                       const v1::ConvertLeadRequest& request, v1::Lead* out) const;
  absl::Status Drop(pqxx::transaction_base& tx, const CallContext& call,
                    const v1::DropLeadRequest& request, v1::Lead* out) const;
  absl::Status ListStatusHistory(pqxx::transaction_base& tx,
                                 const v1::ListLeadStatusHistoryRequest& request,
                                 v1::ListLeadStatusHistoryResponse* out) const;
  absl::Status ListOverdue(pqxx::transaction_base& tx, const v1::ListOverdueLeadsRequest& request,
                           v1::ListOverdueLeadsResponse* out) const;
  absl::Status GetTimeLimits(pqxx::transaction_base& tx, v1::LeadTimeLimits* out) const;
  absl::Status UpdateTimeLimits(pqxx::transaction_base& tx,
                                const v1::UpdateLeadTimeLimitsRequest& request,
                                v1::LeadTimeLimits* out) const;

  // Locks the lead and returns its status; NOT_FOUND when missing.
  absl::StatusOr<v1::LeadStatus> LockStatus(pqxx::transaction_base& tx, int64_t id) const;
  // `effective_date` (YYYY-MM-DD, checked by the caller) is the business day
  // of the change; empty: today in China Standard Time.
  static void RecordStatusChange(pqxx::transaction_base& tx, int64_t lead_id, v1::LeadStatus from,
                                 v1::LeadStatus to, absl::string_view actor,
                                 absl::string_view reason, absl::string_view effective_date = "");

 private:
  // INVALID_ARGUMENT naming the field when the enterprise, activity or
  // referrer `lead` names is missing (or merged).
  absl::Status CheckReferences(pqxx::transaction_base& tx, const v1::Lead& lead) const;

  const Directory& directory_;
};

// Reads one lead with its deadlines as of now (shared with the duplicate finder).
void LeadFromRow(const pqxx::row& row, v1::Lead* out);
absl::Status LoadLead(pqxx::transaction_base& tx, int64_t id, v1::Lead* out);

}  // namespace zs::lead

#include "services/lead/merge_store.h"

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "services/lead/enterprise_store.h"
#include "services/lead/lead_rules.h"
#include "services/lead/lead_store.h"
#include "services/lead/queries.h"

namespace zs::lead {
namespace {

struct SearchLimits {
  double min_similarity;
  int max_pairs;
};

absl::StatusOr<SearchLimits> ParseSearchLimits(double min_similarity, int max_pairs) {
  if (!(min_similarity >= 0 && min_similarity <= 1)) {  // NaN fails too
    return InvalidField("min_similarity", "must be between 0 and 1");
  }
  if (max_pairs < 0) return InvalidField("max_pairs", "must not be negative");
  return SearchLimits{min_similarity == 0 ? kLikelySameSimilarity : min_similarity,
                      max_pairs == 0 ? 100 : std::min(max_pairs, 1000)};
}

// The columns of merge.record and merge.list.
void MergeFromRow(const pqxx::row& row, v1::Merge* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_kind(static_cast<v1::Merge::Kind>(FieldNamed(row, "kind").as<int>()));
  out->set_survivor_id(FieldNamed(row, "survivor_id").as<int64_t>());
  out->set_duplicate_id(FieldNamed(row, "duplicate_id").as<int64_t>());
  out->set_reason(FieldNamed(row, "reason").as<std::string>());
  out->set_merged_by(FieldNamed(row, "merged_by").as<std::string>());
  out->set_moved_summary(FieldNamed(row, "moved_summary").as<std::string>());
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
}

absl::Status RecordMerge(pqxx::transaction_base& tx, const CallContext& call, v1::Merge::Kind kind,
                         int64_t survivor, int64_t duplicate, const std::string& reason,
                         const std::string& moved, v1::Merge* out) {
  const pqxx::row row = Exec(tx, queries::kMergeRecord, static_cast<int>(kind), survivor, duplicate,
                             reason, call.principal.id, moved)[0];
  MergeFromRow(row, out);
  return absl::OkStatus();
}

}  // namespace

absl::Status MergeStore::FindDuplicateEnterprises(
    pqxx::transaction_base& tx, const v1::FindDuplicateEnterprisesRequest& request,
    v1::FindDuplicateEnterprisesResponse* out) const {
  ZS_ASSIGN_OR_RETURN(SearchLimits limits,
                      ParseSearchLimits(request.min_similarity(), request.max_pairs()));
  const pqxx::result rows =
      Exec(tx, queries::kEnterpriseFindDuplicates, limits.max_pairs, limits.min_similarity);
  EnterpriseStore enterprises;
  for (const pqxx::row& row : rows) {
    v1::DuplicateEnterprisePair* pair = out->add_pairs();
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row["first_id"].as<int64_t>(), pair->mutable_first()));
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row["second_id"].as<int64_t>(), pair->mutable_second()));
    pair->set_similarity(row["similarity"].as<double>());
    pair->set_reason(row["same_key"].as<bool>() ? "SAME_NORMALISED_NAME" : "SIMILAR_NAME");
  }
  return absl::OkStatus();
}

absl::Status MergeStore::MergeEnterprises(pqxx::transaction_base& tx, const CallContext& call,
                                          const v1::MergeEnterprisesRequest& request,
                                          v1::Merge* out) const {
  const int64_t survivor = request.survivor_id();
  const int64_t duplicate = request.duplicate_id();
  ZS_RETURN_IF_ERROR(ValidateMergePair(survivor, duplicate, request.reason()));
  const pqxx::result rows = Exec(tx, queries::kEnterpriseLockPair, survivor, duplicate);
  for (int64_t id : {survivor, duplicate}) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const pqxx::row& r) { return r["id"].as<int64_t>() == id; });
    if (it == rows.end()) return NotFound("enterprise", id);
    ZS_RETURN_IF_ERROR(CheckEnterpriseMergeable(id, IdOrZero((*it)["merged_into_id"])));
  }
  std::vector<int64_t> open_leads;
  for (const pqxx::row& row : Exec(tx, queries::kLeadOpenOfEnterprises, survivor, duplicate)) {
    open_leads.push_back(row["id"].as<int64_t>());
  }
  ZS_RETURN_IF_ERROR(CheckOpenLeadsMergeable(open_leads));
  // The project service's projects follow first, exactly once (the call's
  // request id comes from this merge's): should anything here fail after
  // it, the caller's retry of the merge repeats it harmlessly.
  int64_t projects = 0;
  if (projects_ != nullptr) {
    ZS_ASSIGN_OR_RETURN(projects, projects_->MoveEnterpriseProjects(call, request.request_id(),
                                                                    duplicate, survivor));
  }
  const int64_t leads =
      Exec(tx, queries::kLeadMoveToEnterprise, survivor, duplicate).affected_rows();
  const int64_t contacts =
      Exec(tx, queries::kActivityCopyEnterprise, survivor, duplicate).affected_rows();
  Exec(tx, queries::kActivityRemoveEnterprise, duplicate);
  const int64_t referrers =
      Exec(tx, queries::kReferrerMoveToEnterprise, survivor, duplicate).affected_rows();
  // What the survivor lacks comes from the duplicate.
  const std::string fields =
      Exec(tx, queries::kEnterpriseFieldsToCarry, survivor, duplicate)[0]["fields"]
          .as<std::string>();
  Exec(tx, queries::kEnterpriseMarkMerged, survivor, duplicate);
  // The duplicate's identifiers stay with it, reserved (CheckIdentity).
  Exec(tx, queries::kEnterpriseMoveDoubles, survivor, duplicate);
  Exec(tx, queries::kEnterpriseCarryFields, survivor, duplicate);
  return RecordMerge(tx, call, v1::Merge::KIND_ENTERPRISE, survivor, duplicate, request.reason(),
                     absl::StrCat("leads=", leads, " projects=", projects, " activity_contacts=",
                                  contacts, " referrers=", referrers, " fields=", fields),
                     out);
}

absl::Status MergeStore::FindDuplicateLeads(pqxx::transaction_base& tx,
                                            const v1::FindDuplicateLeadsRequest& request,
                                            v1::FindDuplicateLeadsResponse* out) const {
  ZS_ASSIGN_OR_RETURN(SearchLimits limits,
                      ParseSearchLimits(request.min_similarity(), request.max_pairs()));
  const pqxx::result rows =
      Exec(tx, queries::kLeadFindDuplicates, limits.max_pairs, limits.min_similarity);
  for (const pqxx::row& row : rows) {
    v1::DuplicateLeadPair* pair = out->add_pairs();
    ZS_RETURN_IF_ERROR(LoadLead(tx, row["first_id"].as<int64_t>(), pair->mutable_first()));
    ZS_RETURN_IF_ERROR(LoadLead(tx, row["second_id"].as<int64_t>(), pair->mutable_second()));
    pair->set_reason(row["reason"].as<std::string>());
    pair->set_similarity(row["similarity"].as<double>());
  }
  return absl::OkStatus();
}

absl::Status MergeStore::MergeLeads(pqxx::transaction_base& tx, const CallContext& call,
                                    const v1::MergeLeadsRequest& request, v1::Merge* out) const {
  const int64_t survivor = request.survivor_id();
  const int64_t duplicate = request.duplicate_id();
  ZS_RETURN_IF_ERROR(ValidateMergePair(survivor, duplicate, request.reason()));
  const pqxx::result rows = Exec(tx, queries::kLeadLockPair, survivor, duplicate);
  v1::LeadStatus duplicate_status = v1::LEAD_STATUS_UNSPECIFIED;
  for (int64_t id : {survivor, duplicate}) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const pqxx::row& r) { return r["id"].as<int64_t>() == id; });
    if (it == rows.end()) return NotFound("lead", id);
    const auto status = static_cast<v1::LeadStatus>((*it)["status"].as<int>());
    ZS_RETURN_IF_ERROR(CheckLeadMergeable(id, status, id == duplicate));
    if (id == duplicate) duplicate_status = status;
  }
  // Everything the duplicate knew and achieved goes to the survivor: its
  // follow-ups, a copy of its status history (its own stays with it), the
  // time limits it met (the earliest meeting counts), and what the survivor
  // lacks (referrer, activity, follow-up owner, description, chain action).
  const int64_t follow_ups = Exec(tx, queries::kFollowUpMove, survivor, duplicate).affected_rows();
  const int64_t history =
      Exec(tx, queries::kLeadCopyStatusHistory, survivor, duplicate).affected_rows();
  const pqxx::row carried = Exec(tx, queries::kLeadMergeCarried, survivor, duplicate)[0];
  Exec(tx, queries::kLeadMarkMerged, survivor, duplicate);
  Exec(tx, queries::kLeadCarryMerged, survivor, duplicate, follow_ups > 0);
  const auto survivor_status = static_cast<v1::LeadStatus>(carried["status"].as<int>());
  if (survivor_status == v1::LEAD_STATUS_NEW && follow_ups > 0) {
    LeadStore::RecordStatusChange(tx, survivor, v1::LEAD_STATUS_NEW, v1::LEAD_STATUS_FOLLOWING,
                                  call.principal.id,
                                  absl::StrCat("follow-ups of merged lead ", duplicate));
  }
  LeadStore::RecordStatusChange(tx, duplicate, duplicate_status, v1::LEAD_STATUS_MERGED,
                                call.principal.id, absl::StrCat("merged into lead ", survivor));
  return RecordMerge(tx, call, v1::Merge::KIND_LEAD, survivor, duplicate, request.reason(),
                     absl::StrCat("follow_ups=", follow_ups, " status_history=", history,
                                  " deadlines_met=", carried["deadlines_met"].as<int>(),
                                  " fields=", carried["fields"].as<std::string>()),
                     out);
}

absl::Status MergeStore::ListMerges(pqxx::transaction_base& tx,
                                    const v1::ListMergesRequest& request,
                                    v1::ListMergesResponse* out) const {
  if (!v1::Merge::Kind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kMergeList, NullIfZero(request.kind()),
                                 page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_merges(), out->mutable_next_page_token(), MergeFromRow);
  return absl::OkStatus();
}

}  // namespace zs::lead

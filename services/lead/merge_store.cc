#include "services/lead/merge_store.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/lead/enterprise_store.h"
#include "services/lead/lead_rules.h"
#include "services/lead/lead_store.h"

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
  return SearchLimits{min_similarity == 0 ? 0.5 : min_similarity,
                      max_pairs == 0 ? 100 : std::min(max_pairs, 1000)};
}

const char kMergeColumns[] =
    "id, kind, survivor_id, duplicate_id, reason, merged_by, moved_summary, " ZS_MICROS(
        "created_at");

void MergeFromRow(const pqxx::row& row, v1::Merge* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_kind(static_cast<v1::Merge::Kind>(row[1].as<int>()));
  out->set_survivor_id(row[2].as<int64_t>());
  out->set_duplicate_id(row[3].as<int64_t>());
  out->set_reason(row[4].as<std::string>());
  out->set_merged_by(row[5].as<std::string>());
  out->set_moved_summary(row[6].as<std::string>());
  SetTimestampMicros(row[7], out->mutable_create_time());
}

absl::Status RecordMerge(pqxx::transaction_base& tx, const CallContext& call, v1::Merge::Kind kind,
                         int64_t survivor, int64_t duplicate, const std::string& reason,
                         const std::string& moved, v1::Merge* out) {
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO merges (kind, survivor_id, duplicate_id, reason, merged_by, "
                   "moved_summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
                   kMergeColumns),
      static_cast<int>(kind), survivor, duplicate, reason, call.principal.id, moved);
  MergeFromRow(row, out);
  return absl::OkStatus();
}

absl::Status ValidateMergePair(int64_t survivor, int64_t duplicate, const std::string& reason) {
  if (survivor <= 0) return InvalidField("survivor_id", "is required");
  if (duplicate <= 0) return InvalidField("duplicate_id", "is required");
  if (survivor == duplicate) return InvalidField("duplicate_id", "is the same as survivor_id");
  return ValidateOptionalText("reason", reason, kMaxLongTextChars);
}

}  // namespace

absl::Status MergeStore::FindDuplicateEnterprises(
    pqxx::transaction_base& tx, const v1::FindDuplicateEnterprisesRequest& request,
    v1::FindDuplicateEnterprisesResponse* out) const {
  absl::StatusOr<SearchLimits> limits =
      ParseSearchLimits(request.min_similarity(), request.max_pairs());
  if (!limits.ok()) return limits.status();
  tx.exec_params("SELECT set_config('pg_trgm.similarity_threshold', $1, true)",
                 std::to_string(limits->min_similarity));
  // `%` uses the trigram index; a.id < b.id lists each pair once.
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT a.id, b.id, similarity(a.normalised_name, b.normalised_name) AS s "
                   "FROM enterprises a JOIN enterprises b "
                   "  ON a.id < b.id AND a.normalised_name % b.normalised_name "
                   "WHERE a.merged_into_id IS NULL AND b.merged_into_id IS NULL "
                   "ORDER BY s DESC, a.id, b.id LIMIT $1"),
      limits->max_pairs);
  EnterpriseStore enterprises;
  for (const pqxx::row& row : rows) {
    v1::DuplicateEnterprisePair* pair = out->add_pairs();
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row[0].as<int64_t>(), pair->mutable_first()));
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row[1].as<int64_t>(), pair->mutable_second()));
    const double similarity = row[2].as<double>();
    pair->set_similarity(similarity);
    pair->set_reason(similarity >= 1.0 ? "SAME_NORMALISED_NAME" : "SIMILAR_NAME");
  }
  return absl::OkStatus();
}

absl::Status MergeStore::MergeEnterprises(pqxx::transaction_base& tx, const CallContext& call,
                                          const v1::MergeEnterprisesRequest& request,
                                          v1::Merge* out) const {
  const int64_t survivor = request.survivor_id();
  const int64_t duplicate = request.duplicate_id();
  ZS_RETURN_IF_ERROR(ValidateMergePair(survivor, duplicate, request.reason()));
  // Lock both in id order so two opposite merges cannot deadlock.
  const pqxx::result rows = tx.exec_params(
      "SELECT id, merged_into_id FROM enterprises WHERE id IN ($1, $2) ORDER BY id FOR UPDATE",
      survivor, duplicate);
  for (int64_t id : {survivor, duplicate}) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const pqxx::row& r) { return r[0].as<int64_t>() == id; });
    if (it == rows.end()) return NotFound("enterprise", id);
    if (!(*it)[1].is_null()) {
      return FailedPrecondition(
          "ENTERPRISE_MERGED",
          absl::StrCat("enterprise ", id, " was already merged into ", (*it)[1].as<int64_t>()));
    }
  }
  const pqxx::result open = tx.exec_params(
      "SELECT id FROM leads WHERE enterprise_id IN ($1, $2) AND status IN (1, 2) ORDER BY id",
      survivor, duplicate);
  if (open.size() > 1) {
    return FailedPrecondition(
        "BOTH_HAVE_OPEN_LEADS",
        absl::StrCat("both enterprises have open leads (", open[0][0].as<int64_t>(), " and ",
                     open[1][0].as<int64_t>(), "); merge those leads first"));
  }
  const int64_t leads =
      tx.exec_params0(
            "UPDATE leads SET enterprise_id = $1, version = version + 1, updated_at = now() "
            "WHERE enterprise_id = $2",
            survivor, duplicate)
          .affected_rows();
  const int64_t contacts =
      tx.exec_params0(
            "INSERT INTO activity_enterprises (activity_id, enterprise_id) "
            "SELECT activity_id, $1 FROM activity_enterprises WHERE enterprise_id = $2 "
            "ON CONFLICT DO NOTHING",
            survivor, duplicate)
          .affected_rows();
  tx.exec_params0("DELETE FROM activity_enterprises WHERE enterprise_id = $1", duplicate);
  const int64_t referrers = tx.exec_params0(
                                  "UPDATE referrers SET enterprise_id = $1, version = version + 1 "
                                  "WHERE enterprise_id = $2",
                                  survivor, duplicate)
                                .affected_rows();
  tx.exec_params0(
      "UPDATE enterprises SET merged_into_id = $1, version = version + 1, updated_at = now() "
      "WHERE id = $2",
      survivor, duplicate);
  return RecordMerge(
      tx, call, v1::Merge::KIND_ENTERPRISE, survivor, duplicate, request.reason(),
      absl::StrCat("leads=", leads, " activity_contacts=", contacts, " referrers=", referrers),
      out);
}

absl::Status MergeStore::FindDuplicateLeads(pqxx::transaction_base& tx,
                                            const v1::FindDuplicateLeadsRequest& request,
                                            v1::FindDuplicateLeadsResponse* out) const {
  absl::StatusOr<SearchLimits> limits =
      ParseSearchLimits(request.min_similarity(), request.max_pairs());
  if (!limits.ok()) return limits.status();
  tx.exec_params("SELECT set_config('pg_trgm.similarity_threshold', $1, true)",
                 std::to_string(limits->min_similarity));
  // Leads not dropped or merged whose enterprises are the same record, share
  // a credit code, or have similar names.
  const pqxx::result rows = tx.exec_params(
      "SELECT la.id, lb.id, "
      "  CASE WHEN la.enterprise_id = lb.enterprise_id THEN 'SAME_ENTERPRISE' "
      "       WHEN ea.credit_code = eb.credit_code THEN 'SAME_CREDIT_CODE' "
      "       WHEN ea.normalised_name = eb.normalised_name THEN 'SAME_NORMALISED_NAME' "
      "       ELSE 'SIMILAR_NAME' END, "
      "  CASE WHEN la.enterprise_id = lb.enterprise_id THEN 1.0 "
      "       ELSE similarity(ea.normalised_name, eb.normalised_name) END AS s "
      "FROM leads la JOIN leads lb ON la.id < lb.id "
      "JOIN enterprises ea ON ea.id = la.enterprise_id "
      "JOIN enterprises eb ON eb.id = lb.enterprise_id "
      "WHERE la.status IN (1, 2, 3) AND lb.status IN (1, 2, 3) "
      "  AND (la.enterprise_id = lb.enterprise_id OR ea.credit_code = eb.credit_code "
      "       OR ea.normalised_name % eb.normalised_name) "
      "ORDER BY s DESC, la.id, lb.id LIMIT $1",
      limits->max_pairs);
  for (const pqxx::row& row : rows) {
    v1::DuplicateLeadPair* pair = out->add_pairs();
    ZS_RETURN_IF_ERROR(LoadLead(tx, row[0].as<int64_t>(), pair->mutable_first()));
    ZS_RETURN_IF_ERROR(LoadLead(tx, row[1].as<int64_t>(), pair->mutable_second()));
    pair->set_reason(row[2].as<std::string>());
    pair->set_similarity(row[3].as<double>());
  }
  return absl::OkStatus();
}

absl::Status MergeStore::MergeLeads(pqxx::transaction_base& tx, const CallContext& call,
                                    const v1::MergeLeadsRequest& request, v1::Merge* out) const {
  const int64_t survivor = request.survivor_id();
  const int64_t duplicate = request.duplicate_id();
  ZS_RETURN_IF_ERROR(ValidateMergePair(survivor, duplicate, request.reason()));
  const pqxx::result rows =
      tx.exec_params("SELECT id, status FROM leads WHERE id IN ($1, $2) ORDER BY id FOR UPDATE",
                     survivor, duplicate);
  v1::LeadStatus duplicate_status = v1::LEAD_STATUS_UNSPECIFIED;
  for (int64_t id : {survivor, duplicate}) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const pqxx::row& r) { return r[0].as<int64_t>() == id; });
    if (it == rows.end()) return NotFound("lead", id);
    const auto status = static_cast<v1::LeadStatus>((*it)[1].as<int>());
    if (status == v1::LEAD_STATUS_MERGED || status == v1::LEAD_STATUS_DROPPED) {
      return FailedPrecondition("LEAD_NOT_MERGEABLE",
                                absl::StrCat("lead ", id, " is ", v1::LeadStatus_Name(status),
                                             " and cannot take part in a merge"));
    }
    if (id == duplicate) duplicate_status = status;
  }
  if (duplicate_status == v1::LEAD_STATUS_CONVERTED) {
    return FailedPrecondition(
        "LEAD_NOT_MERGEABLE",
        absl::StrCat("lead ", duplicate, " was converted into a project; merge the other way"));
  }
  const int64_t follow_ups =
      tx.exec_params0("UPDATE follow_ups SET lead_id = $1 WHERE lead_id = $2", survivor, duplicate)
          .affected_rows();
  tx.exec_params0(
      "UPDATE leads SET status = 5, merged_into_id = $1, version = version + 1, "
      "updated_at = now() WHERE id = $2",
      survivor, duplicate);
  tx.exec_params0(
      "UPDATE leads SET version = version + 1, updated_at = now(), "
      "last_progress_at = GREATEST(last_progress_at, "
      "  (SELECT max(created_at) FROM follow_ups WHERE lead_id = $1)) WHERE id = $1",
      survivor);
  LeadStore::RecordStatusChange(tx, duplicate, duplicate_status, v1::LEAD_STATUS_MERGED,
                                call.principal.id, absl::StrCat("merged into lead ", survivor));
  return RecordMerge(tx, call, v1::Merge::KIND_LEAD, survivor, duplicate, request.reason(),
                     absl::StrCat("follow_ups=", follow_ups), out);
}

absl::Status MergeStore::ListMerges(pqxx::transaction_base& tx,
                                    const v1::ListMergesRequest& request,
                                    v1::ListMergesResponse* out) const {
  if (!v1::Merge::Kind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kMergeColumns,
                   " FROM merges "
                   "WHERE ($1::int IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2) "
                   "ORDER BY id DESC LIMIT $3"),
      NullIfZero(request.kind()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_merges(), out->mutable_next_page_token(),
           MergeFromRow);
  return absl::OkStatus();
}

}  // namespace zs::lead

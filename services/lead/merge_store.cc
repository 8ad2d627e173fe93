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
  return SearchLimits{min_similarity == 0 ? kLikelySameSimilarity : min_similarity,
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
  // Pairs sharing a key first, then by the bigram similarity of their
  // names' cores (`&&` finds candidates through the bigram index); a.id <
  // b.id lists each pair once.
  const pqxx::result rows = tx.exec_params(
      "SELECT a.id, b.id, "
      "  CASE WHEN a.normalised_name = b.normalised_name THEN 1.0 "
      "       ELSE bigram_similarity(a.name_bigrams, b.name_bigrams) END AS s, "
      "  a.normalised_name = b.normalised_name AS same "
      "FROM enterprises a JOIN enterprises b "
      "  ON a.id < b.id AND (a.normalised_name = b.normalised_name "
      "                      OR a.name_bigrams && b.name_bigrams) "
      "WHERE a.merged_into_id IS NULL AND b.merged_into_id IS NULL "
      "  AND (a.normalised_name = b.normalised_name "
      "       OR bigram_similarity(a.name_bigrams, b.name_bigrams) >= $2) "
      "ORDER BY same DESC, s DESC, a.id, b.id LIMIT $1",
      limits->max_pairs, limits->min_similarity);
  EnterpriseStore enterprises;
  for (const pqxx::row& row : rows) {
    v1::DuplicateEnterprisePair* pair = out->add_pairs();
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row[0].as<int64_t>(), pair->mutable_first()));
    ZS_RETURN_IF_ERROR(enterprises.Get(tx, row[1].as<int64_t>(), pair->mutable_second()));
    pair->set_similarity(row[2].as<double>());
    pair->set_reason(row[3].as<bool>() ? "SAME_NORMALISED_NAME" : "SIMILAR_NAME");
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
  // The project service's projects follow first, exactly once (the call's
  // request id comes from this merge's): should anything here fail after
  // it, the caller's retry of the merge repeats it harmlessly.
  int64_t projects = 0;
  if (projects_ != nullptr) {
    absl::StatusOr<int64_t> moved =
        projects_->MoveEnterpriseProjects(call, request.request_id(), duplicate, survivor);
    if (!moved.ok()) return moved.status();
    projects = *moved;
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
  // What the survivor lacks comes from the duplicate: the credit code above
  // all, the type, the place, and the contact (name and phone together, so
  // one person's phone never goes with another's name).
  const std::string fields =
      tx.exec_params1(
            "SELECT concat_ws(',', "
            "  CASE WHEN s.credit_code IS NULL AND d.credit_code IS NOT NULL "
            "       THEN 'credit_code' END, "
            "  CASE WHEN s.type = 0 AND d.type <> 0 THEN 'type' END, "
            "  CASE WHEN s.region = '' AND d.region <> '' THEN 'region' END, "
            "  CASE WHEN s.contact_name = '' AND s.contact_phone = '' "
            "        AND (d.contact_name <> '' OR d.contact_phone <> '') THEN 'contact' END) "
            "FROM enterprises s, enterprises d WHERE s.id = $1 AND d.id = $2",
            survivor, duplicate)[0]
          .as<std::string>();
  tx.exec_params0(
      "UPDATE enterprises SET merged_into_id = $1, double_of_id = NULL, version = version + 1, "
      "updated_at = now() WHERE id = $2",
      survivor, duplicate);
  // The duplicate's identifiers stay with it, reserved (CheckIdentity); a
  // record that was a double of it is now the survivor's, or no double at
  // all when it is the survivor.
  tx.exec_params0(
      "UPDATE enterprises SET double_of_id = CASE WHEN id = $1 THEN NULL ELSE $1 END "
      "WHERE double_of_id = $2",
      survivor, duplicate);
  tx.exec_params0(
      "UPDATE enterprises s SET version = s.version + 1, updated_at = now(), "
      "  credit_code = COALESCE(s.credit_code, d.credit_code), "
      "  type = CASE WHEN s.type = 0 THEN d.type ELSE s.type END, "
      "  region = CASE WHEN s.region = '' THEN d.region ELSE s.region END, "
      "  contact_name = CASE WHEN s.contact_name = '' AND s.contact_phone = '' "
      "                      THEN d.contact_name ELSE s.contact_name END, "
      "  contact_phone = CASE WHEN s.contact_name = '' AND s.contact_phone = '' "
      "                       THEN d.contact_phone ELSE s.contact_phone END "
      "FROM enterprises d WHERE s.id = $1 AND d.id = $2",
      survivor, duplicate);
  return RecordMerge(tx, call, v1::Merge::KIND_ENTERPRISE, survivor, duplicate, request.reason(),
                     absl::StrCat("leads=", leads, " projects=", projects, " activity_contacts=",
                                  contacts, " referrers=", referrers, " fields=", fields),
                     out);
}

absl::Status MergeStore::FindDuplicateLeads(pqxx::transaction_base& tx,
                                            const v1::FindDuplicateLeadsRequest& request,
                                            v1::FindDuplicateLeadsResponse* out) const {
  absl::StatusOr<SearchLimits> limits =
      ParseSearchLimits(request.min_similarity(), request.max_pairs());
  if (!limits.ok()) return limits.status();
  // Leads not dropped or merged whose enterprises are the same record, share
  // a credit code or a name key, or have similar names (as above).
  const pqxx::result rows = tx.exec_params(
      "SELECT la.id, lb.id, "
      "  CASE WHEN la.enterprise_id = lb.enterprise_id THEN 'SAME_ENTERPRISE' "
      "       WHEN ea.credit_code = eb.credit_code THEN 'SAME_CREDIT_CODE' "
      "       WHEN ea.normalised_name = eb.normalised_name THEN 'SAME_NORMALISED_NAME' "
      "       ELSE 'SIMILAR_NAME' END, "
      "  CASE WHEN la.enterprise_id = lb.enterprise_id OR ea.credit_code = eb.credit_code "
      "         OR ea.normalised_name = eb.normalised_name THEN 1.0 "
      "       ELSE bigram_similarity(ea.name_bigrams, eb.name_bigrams) END AS s "
      "FROM leads la JOIN leads lb ON la.id < lb.id "
      "JOIN enterprises ea ON ea.id = la.enterprise_id "
      "JOIN enterprises eb ON eb.id = lb.enterprise_id "
      "WHERE la.status IN (1, 2, 3) AND lb.status IN (1, 2, 3) "
      "  AND (la.enterprise_id = lb.enterprise_id OR ea.credit_code = eb.credit_code "
      "       OR ea.normalised_name = eb.normalised_name "
      "       OR (ea.name_bigrams && eb.name_bigrams "
      "           AND bigram_similarity(ea.name_bigrams, eb.name_bigrams) >= $2)) "
      "ORDER BY s DESC, la.id, lb.id LIMIT $1",
      limits->max_pairs, limits->min_similarity);
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
  // Everything the duplicate knew and achieved goes to the survivor: its
  // follow-ups, a copy of its status history (its own stays with it), the
  // time limits it met (the earliest meeting counts), and what the survivor
  // lacks (referrer, activity, follow-up owner, description, chain action).
  const int64_t follow_ups =
      tx.exec_params0("UPDATE follow_ups SET lead_id = $1 WHERE lead_id = $2", survivor, duplicate)
          .affected_rows();
  const int64_t history =
      tx.exec_params0(
            "INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, "
            "  reason, changed_at, effective_date) "
            "SELECT $1, from_status, to_status, changed_by, "
            "  'lead ' || $2::bigint || CASE WHEN reason = '' THEN '' ELSE ': ' || reason END, "
            "  changed_at, effective_date "
            "FROM lead_status_history WHERE lead_id = $2::bigint ORDER BY id",
            survivor, duplicate)
          .affected_rows();
  const pqxx::row carried = tx.exec_params1(
      "SELECT s.status, "
      // How many time limits the duplicate met first (a NULL is unmet).
      "  coalesce(d.responded_at < coalesce(s.responded_at, 'infinity'), false)::int "
      "  + coalesce(d.assessed_at < coalesce(s.assessed_at, 'infinity'), false)::int "
      "  + coalesce(d.referrer_feedback_at < coalesce(s.referrer_feedback_at, 'infinity'), "
      "false)::int, "
      "  concat_ws(',', CASE WHEN s.referrer_id IS NULL AND d.referrer_id IS NOT NULL "
      "                     THEN 'referrer' END, "
      "            CASE WHEN s.activity_id IS NULL AND d.activity_id IS NOT NULL "
      "                 THEN 'activity' END, "
      "            CASE WHEN s.follow_up_owner = '' AND d.follow_up_owner <> '' "
      "                 THEN 'follow_up_owner' END, "
      "            CASE WHEN s.description = '' AND d.description <> '' THEN 'description' END, "
      "            CASE WHEN s.chain_action = 0 AND d.chain_action <> 0 "
      "                 THEN 'chain_action' END) "
      "FROM leads s, leads d WHERE s.id = $1 AND d.id = $2",
      survivor, duplicate);
  tx.exec_params0(
      "UPDATE leads SET status = 5, merged_into_id = $1, version = version + 1, "
      "updated_at = now() WHERE id = $2",
      survivor, duplicate);
  // LEAST and GREATEST skip NULLs: a time limit either lead met stays met.
  tx.exec_params0(
      "UPDATE leads s SET version = s.version + 1, updated_at = now(), "
      "  responded_at = LEAST(s.responded_at, d.responded_at), "
      "  assessed_at = LEAST(s.assessed_at, d.assessed_at), "
      "  referrer_feedback_at = LEAST(s.referrer_feedback_at, d.referrer_feedback_at), "
      "  last_progress_at = GREATEST(s.last_progress_at, d.last_progress_at, "
      "    (SELECT max(created_at) FROM follow_ups WHERE lead_id = s.id)), "
      "  referrer_id = COALESCE(s.referrer_id, d.referrer_id), "
      "  activity_id = COALESCE(s.activity_id, d.activity_id), "
      "  follow_up_owner = CASE WHEN s.follow_up_owner = '' THEN d.follow_up_owner "
      "                         ELSE s.follow_up_owner END, "
      "  description = CASE WHEN s.description = '' THEN d.description ELSE s.description END, "
      "  chain_action = CASE WHEN s.chain_action = 0 THEN d.chain_action ELSE s.chain_action END, "
      "  status = CASE WHEN s.status = 1 AND $3 THEN 2 ELSE s.status END "
      "FROM leads d WHERE s.id = $1 AND d.id = $2",
      survivor, duplicate, follow_ups > 0);
  const auto survivor_status = static_cast<v1::LeadStatus>(carried[0].as<int>());
  if (survivor_status == v1::LEAD_STATUS_NEW && follow_ups > 0) {
    LeadStore::RecordStatusChange(tx, survivor, v1::LEAD_STATUS_NEW, v1::LEAD_STATUS_FOLLOWING,
                                  call.principal.id,
                                  absl::StrCat("follow-ups of merged lead ", duplicate));
  }
  LeadStore::RecordStatusChange(tx, duplicate, duplicate_status, v1::LEAD_STATUS_MERGED,
                                call.principal.id, absl::StrCat("merged into lead ", survivor));
  return RecordMerge(tx, call, v1::Merge::KIND_LEAD, survivor, duplicate, request.reason(),
                     absl::StrCat("follow_ups=", follow_ups, " status_history=", history,
                                  " deadlines_met=", carried[1].as<int>(),
                                  " fields=", carried[2].as<std::string>()),
                     out);
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

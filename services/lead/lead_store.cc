#include "services/lead/lead_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "common/business_date.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/security/scope.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/lead/lead_rules.h"

namespace zs::lead {

namespace {

const char kLeadColumns[] =
    "l.id, l.title, l.enterprise_id, l.channel, l.industry, l.chain_action, "
    "l.estimated_investment_wan_yuan, l.unit_code, l.office_code, l.follow_up_owner, "
    "l.activity_id, l.referrer_id, to_char(l.collected_date, 'YYYY-MM-DD'), l.status, "
    "l.drop_reason, l.project_id, l.merged_into_id, l.description, l.version, "
    ZS_MICROS("l.created_at") ", " ZS_MICROS("l.updated_at") ", "
    ZS_MICROS("l.responded_at") ", " ZS_MICROS("l.assessed_at") ", "
    ZS_MICROS("l.referrer_feedback_at") ", " ZS_MICROS("l.last_progress_at") ", "
    "t.respond_hours, t.assess_hours, t.referrer_feedback_hours, t.progress_interval_days";
const char kLeadFrom[] = " FROM leads l CROSS JOIN lead_time_limits t ";

namespace common = ::zhaoshang::common::v1;

std::optional<absl::Time> MicrosToTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return absl::FromUnixMicros(field.as<int64_t>());
}

const char kFollowUpColumns[] =
    "id, lead_id, kind, content, author, to_char(follow_up_date, 'YYYY-MM-DD'), " ZS_MICROS(
        "created_at");

void FollowUpFromRow(const pqxx::row& row, v1::FollowUp* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_lead_id(row[1].as<int64_t>());
  out->set_kind(static_cast<v1::FollowUp::Kind>(row[2].as<int>()));
  out->set_content(row[3].as<std::string>());
  out->set_author(row[4].as<std::string>());
  out->set_follow_up_date(row[5].as<std::string>());
  SetTimestampMicros(row[6], out->mutable_create_time());
}

absl::Status NotOpen(int64_t id, v1::LeadStatus status, absl::string_view action) {
  return FailedPrecondition("LEAD_NOT_OPEN",
                            absl::StrCat("lead ", id, " is ", v1::LeadStatus_Name(status),
                                         "; only NEW or FOLLOWING leads can be ", action));
}

}  // namespace

void LeadFromRow(const pqxx::row& row, v1::Lead* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_title(row[1].as<std::string>());
  out->set_enterprise_id(row[2].as<int64_t>());
  out->set_channel(static_cast<common::Channel>(row[3].as<int>()));
  out->set_industry(static_cast<common::Industry>(row[4].as<int>()));
  out->set_chain_action(static_cast<common::ChainAction>(row[5].as<int>()));
  out->set_estimated_investment_wan_yuan(row[6].as<int64_t>());
  out->set_unit_code(TextOrEmpty(row[7]));
  out->set_office_code(TextOrEmpty(row[8]));
  out->set_follow_up_owner(row[9].as<std::string>());
  out->set_activity_id(IdOrZero(row[10]));
  out->set_referrer_id(IdOrZero(row[11]));
  out->set_collected_date(row[12].as<std::string>());
  out->set_status(static_cast<v1::LeadStatus>(row[13].as<int>()));
  out->set_drop_reason(row[14].as<std::string>());
  out->set_project_id(IdOrZero(row[15]));
  out->set_merged_into_id(IdOrZero(row[16]));
  out->set_description(row[17].as<std::string>());
  out->set_etag(FormatEtag(row[18].as<int64_t>()));
  SetTimestampMicros(row[19], out->mutable_create_time());
  SetTimestampMicros(row[20], out->mutable_update_time());

  LeadMilestones milestones{.created = *MicrosToTime(row[19]),
                            .responded = MicrosToTime(row[21]),
                            .assessed = MicrosToTime(row[22]),
                            .referrer_feedback = MicrosToTime(row[23]),
                            .last_progress = MicrosToTime(row[24]),
                            .has_referrer = out->referrer_id() != 0,
                            .open = IsOpen(out->status())};
  v1::LeadTimeLimits limits;
  limits.set_respond_hours(row[25].as<int>());
  limits.set_assess_hours(row[26].as<int>());
  limits.set_referrer_feedback_hours(row[27].as<int>());
  limits.set_progress_interval_days(row[28].as<int>());
  for (v1::LeadDeadline& deadline : ComputeDeadlines(milestones, limits, absl::Now())) {
    *out->add_deadlines() = std::move(deadline);
  }
}

void LeadStore::RecordStatusChange(pqxx::transaction_base& tx, int64_t lead_id, v1::LeadStatus from,
                                   v1::LeadStatus to, absl::string_view actor,
                                   absl::string_view reason, absl::string_view effective_date) {
  tx.exec_params0(
      "INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, reason, "
      "effective_date) VALUES ($1, $2, $3, $4, $5, "
      "COALESCE($6::date, (now() AT TIME ZONE 'Asia/Shanghai')::date))",
      lead_id, static_cast<int>(from), static_cast<int>(to), std::string(actor),
      std::string(reason), NullIfEmpty(std::string(effective_date)));
}

absl::StatusOr<v1::LeadStatus> LeadStore::LockStatus(pqxx::transaction_base& tx, int64_t id) const {
  const pqxx::result rows = tx.exec_params("SELECT status FROM leads WHERE id = $1 FOR UPDATE", id);
  if (rows.empty()) return NotFound("lead", id);
  return static_cast<v1::LeadStatus>(rows[0][0].as<int>());
}

namespace {

// The enterprise, activity and referrer a lead names, and the enterprise's
// open lead (an enterprise has one): kReferenceCheckColumns columns, read by
// ReferencesStatus.
constexpr int kReferenceCheckColumns = 7;
// Parameters are given by number, so the query can sit inside another.
std::string ReferenceChecksSql(int enterprise, int activity, int referrer,
                               const char* open_lead_wanted) {
  return absl::StrFormat(
      "SELECT e.id AS e_id, e.merged_into_id AS e_merged, "
      "  $%2$d::bigint IS NULL OR EXISTS (SELECT 1 FROM activities WHERE id = $%2$d) AS a_ok, "
      "  $%3$d::bigint IS NULL OR EXISTS (SELECT 1 FROM referrers WHERE id = $%3$d) AS r_ok, "
      "  o.id AS o_id, o.title AS o_title, o.owner AS o_owner "
      "FROM (VALUES (1)) AS one "
      "LEFT JOIN enterprises e ON e.id = $%1$d "
      "LEFT JOIN LATERAL (SELECT id, title, COALESCE(unit_code, office_code) AS owner FROM leads "
      "  WHERE %4$s AND enterprise_id = $%1$d AND status IN (1, 2) ORDER BY id LIMIT 1) o ON true",
      enterprise, activity, referrer, open_lead_wanted);
}

// INVALID_ARGUMENT naming the field, or ALREADY_EXISTS for an open lead,
// from the columns of ReferenceChecksSql starting at `first`. The open lead
// is named only to `viewer`s who may read it (the bureau, its own unit or
// office); anyone else learns only that another unit or office follows the
// enterprise.
absl::Status ReferencesStatus(const v1::Lead& lead, const pqxx::row& row, int first,
                              const Principal& viewer) {
  ZS_RETURN_IF_ERROR(EnterpriseStore::CheckActive("lead.enterprise_id", lead.enterprise_id(),
                                                  row[first], row[first + 1]));
  if (!row[first + 2].as<bool>()) {
    return InvalidField("lead.activity_id",
                        absl::StrCat("activity ", lead.activity_id(), " does not exist"));
  }
  if (!row[first + 3].as<bool>()) {
    return InvalidField("lead.referrer_id",
                        absl::StrCat("referrer ", lead.referrer_id(), " does not exist"));
  }
  if (!row[first + 4].is_null()) {
    const bool may_read =
        !IsUnitScoped(viewer) || row[first + 6].as<std::string>() == viewer.unit_code;
    if (!may_read) {
      return AlreadyExists(
          "LEAD_ALREADY_OPEN",
          absl::StrCat("enterprise ", lead.enterprise_id(),
                       " is already being followed by another unit or office; ask the bureau "
                       "to coordinate"));
    }
    return AlreadyExists(
        "LEAD_ALREADY_OPEN",
        absl::StrCat("enterprise ", lead.enterprise_id(), " already has open lead ",
                     row[first + 4].as<int64_t>(), " (", row[first + 5].as<std::string>(),
                     "); add a follow-up to it instead"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LeadStore::CheckReferences(pqxx::transaction_base& tx, const v1::Lead& lead) const {
  static const std::string kChecks = ReferenceChecksSql(1, 2, 3, "false");
  // No open-lead check here ("false"), so no lead of anyone else is named.
  return ReferencesStatus(
      lead,
      ExecPrepared(tx, kChecks, lead.enterprise_id(), NullIfZero(lead.activity_id()),
                   NullIfZero(lead.referrer_id()))[0],
      0, Principal{.kind = PrincipalKind::kBureauStaff});
}

absl::Status LeadStore::Create(pqxx::transaction_base& tx, const CallContext& call,
                               const StatementClaim& claim, const v1::CreateLeadRequest& request,
                               v1::Lead* out) const {
  v1::Lead lead = request.lead();
  if (lead.collected_date().empty()) lead.set_collected_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateLead(lead, directory_));
  ZS_RETURN_IF_ERROR(ValidateCollectedDate(lead, TodayInChina()));
  // One statement: the checks, and only when they pass the lead, its first
  // status change and the request id's record; it answers with the lead's
  // columns, then the checks'.
  static const std::string kCreate = absl::StrCat(
      "WITH ", StatementClaimCte(15), ", c AS (", ReferenceChecksSql(2, 10, 11, "true"),
      "), "
      "l AS (INSERT INTO leads (title, enterprise_id, channel, industry, chain_action, "
      "  estimated_investment_wan_yuan, unit_code, office_code, follow_up_owner, "
      "  activity_id, referrer_id, collected_date, status, description, responded_at) "
      "  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, "
      "         CASE WHEN $9 <> '' THEN now() END FROM c, claim "
      "  WHERE c.e_id IS NOT NULL AND c.e_merged IS NULL AND c.a_ok AND c.r_ok "
      "    AND c.o_id IS NULL RETURNING *), "
      "h AS (INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, reason, "
      "  effective_date) SELECT id, 0, 1, $14, 'created', collected_date FROM l), ",
      StatementRecordCte("l"), " SELECT ", kLeadColumns,
      ", c.* FROM c LEFT JOIN (l CROSS JOIN lead_time_limits t) ON true");
  const pqxx::row row = ExecPrepared(
      tx, kCreate, lead.title(), lead.enterprise_id(), static_cast<int>(lead.channel()),
      static_cast<int>(lead.industry()), static_cast<int>(lead.chain_action()),
      lead.estimated_investment_wan_yuan(), NullIfEmpty(lead.unit_code()),
      NullIfEmpty(lead.office_code()), lead.follow_up_owner(), NullIfZero(lead.activity_id()),
      NullIfZero(lead.referrer_id()), lead.collected_date(), lead.description(), call.principal.id,
      claim.request_id, claim.method, claim.request_hash, claim.principal, claim.on_behalf_of)[0];
  // The checks' columns come last, after the lead's.
  ZS_RETURN_IF_ERROR(ReferencesStatus(
      lead, row, static_cast<int>(row.size()) - kReferenceCheckColumns, call.principal));
  LeadFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LeadStore::RenderRecorded(pqxx::transaction_base& tx, const std::string& request_id,
                                       v1::Lead* out) const {
  static const std::string kRender =
      absl::StrCat("SELECT ", kLeadColumns,
                   " FROM idempotency_keys k "
                   "CROSS JOIN LATERAL jsonb_populate_record(NULL::leads, k.response_row) l "
                   "CROSS JOIN lead_time_limits t WHERE k.request_id = $1");
  const pqxx::result rows = tx.exec_params(kRender, request_id);
  if (rows.empty()) return absl::InternalError("the request_id's recorded lead is missing");
  LeadFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status LeadStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Lead* out) const {
  return LoadLead(tx, id, out);
}

absl::Status LoadLead(pqxx::transaction_base& tx, int64_t id, v1::Lead* out) {
  static const std::string kSelect =
      absl::StrCat("SELECT ", kLeadColumns, kLeadFrom, "WHERE l.id = $1");
  const pqxx::result rows = ExecPrepared(tx, kSelect, id);
  if (rows.empty()) return NotFound("lead", id);
  LeadFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status LeadStore::List(pqxx::transaction_base& tx, const v1::ListLeadsRequest& request,
                             v1::ListLeadsResponse* out) const {
  ZS_RETURN_IF_ERROR(
      ValidateDateRange("collected_date_range", request.collected_date_range(), false));
  if (!common::Industry_IsValid(request.industry())) {
    return InvalidField("industry", absl::StrCat("unknown value ", request.industry()));
  }
  if (!common::Channel_IsValid(request.channel())) {
    return InvalidField("channel", absl::StrCat("unknown value ", request.channel()));
  }
  if (!v1::LeadStatus_IsValid(request.status())) {
    return InvalidField("status", absl::StrCat("unknown value ", request.status()));
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const auto& range = request.collected_date_range();
  // Merged leads are hidden unless asked for by status.
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kLeadColumns, kLeadFrom,
                   "WHERE ($1::text IS NULL OR l.unit_code = $1) "
                   "  AND ($2::text IS NULL OR l.office_code = $2) "
                   "  AND ($3::int IS NULL OR l.industry = $3) "
                   "  AND ($4::int IS NULL OR l.channel = $4) "
                   "  AND (CASE WHEN $5::int IS NULL THEN l.status <> 5 ELSE l.status = $5 END) "
                   "  AND ($6::date IS NULL OR l.collected_date BETWEEN $6 AND $7) "
                   "  AND ($8::bigint IS NULL OR l.enterprise_id = $8) "
                   "  AND ($9::bigint IS NULL OR l.referrer_id = $9) "
                   "  AND ($10::bigint IS NULL OR l.activity_id = $10) "
                   "  AND ($11::bigint IS NULL OR l.id < $11) "
                   "ORDER BY l.id DESC LIMIT $12"),
      NullIfEmpty(request.unit_code()), NullIfEmpty(request.office_code()),
      NullIfZero(request.industry()), NullIfZero(request.channel()), NullIfZero(request.status()),
      NullIfEmpty(range.start_date()), NullIfEmpty(range.end_date()),
      NullIfZero(request.enterprise_id()), NullIfZero(request.referrer_id()),
      NullIfZero(request.activity_id()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_leads(), out->mutable_next_page_token(),
           LeadFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::Update(pqxx::transaction_base& tx, const v1::UpdateLeadRequest& request,
                               v1::Lead* out) const {
  const int64_t id = request.lead().id();
  if (id <= 0) return InvalidField("lead.id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kLeadColumns, kLeadFrom, "WHERE l.id = $1 FOR UPDATE OF l"), id);
  if (rows.empty()) return NotFound("lead", id);
  v1::Lead current;
  LeadFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(CheckEtag("lead", id, request.lead().etag(), rows[0][18].as<int64_t>()));
  if (current.status() == v1::LEAD_STATUS_MERGED) {
    return FailedPrecondition(
        "LEAD_MERGED", absl::StrCat("lead ", id, " was merged into lead ", current.merged_into_id(),
                                    "; update that one"));
  }
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.lead(), request.update_mask(),
      {"title", "channel", "industry", "chain_action", "estimated_investment_wan_yuan",
       "follow_up_owner", "activity_id", "referrer_id", "collected_date", "description"},
      &current));
  ZS_RETURN_IF_ERROR(ValidateLead(current, directory_));
  ZS_RETURN_IF_ERROR(ValidateCollectedDate(current, TodayInChina()));
  ZS_RETURN_IF_ERROR(CheckReferences(tx, current));
  tx.exec_params0(
      "UPDATE leads SET title = $2, channel = $3, industry = $4, chain_action = $5, "
      "estimated_investment_wan_yuan = $6, follow_up_owner = $7, activity_id = $8, "
      "referrer_id = $9, collected_date = $10, description = $11, "
      "responded_at = COALESCE(responded_at, CASE WHEN $7 <> '' THEN now() END), "
      "version = version + 1, updated_at = now() WHERE id = $1",
      id, current.title(), static_cast<int>(current.channel()),
      static_cast<int>(current.industry()), static_cast<int>(current.chain_action()),
      current.estimated_investment_wan_yuan(), current.follow_up_owner(),
      NullIfZero(current.activity_id()), NullIfZero(current.referrer_id()),
      current.collected_date(), current.description());
  return Get(tx, id, out);
}

absl::Status LeadStore::AddFollowUp(pqxx::transaction_base& tx, const CallContext& call,
                                    const v1::AddFollowUpRequest& request,
                                    v1::FollowUp* out) const {
  v1::FollowUp follow_up = request.follow_up();
  if (follow_up.follow_up_date().empty()) follow_up.set_follow_up_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateFollowUp(follow_up));
  absl::StatusOr<v1::LeadStatus> status = LockStatus(tx, follow_up.lead_id());
  if (!status.ok()) return status.status();
  if (!IsOpen(*status)) return NotOpen(follow_up.lead_id(), *status, "followed up");
  ZS_RETURN_IF_ERROR(ValidateFollowUpDate(
      follow_up,
      tx.exec_params1("SELECT to_char(collected_date, 'YYYY-MM-DD') FROM leads WHERE id = $1",
                      follow_up.lead_id())[0]
          .as<std::string>(),
      TodayInChina()));
  const pqxx::row row = tx.exec_params1(
      absl::StrCat("INSERT INTO follow_ups (lead_id, kind, content, author, follow_up_date) "
                   "VALUES ($1, $2, $3, $4, $5) RETURNING ",
                   kFollowUpColumns),
      follow_up.lead_id(), static_cast<int>(follow_up.kind()), follow_up.content(),
      call.principal.id, follow_up.follow_up_date());
  FollowUpFromRow(row, out);
  tx.exec_params0(
      "UPDATE leads SET status = 2, last_progress_at = now(), "
      "assessed_at = CASE WHEN $2 = 2 THEN COALESCE(assessed_at, now()) ELSE assessed_at END, "
      "referrer_feedback_at = CASE WHEN $2 = 3 THEN COALESCE(referrer_feedback_at, now()) "
      "                       ELSE referrer_feedback_at END, "
      "version = version + 1, updated_at = now() WHERE id = $1",
      follow_up.lead_id(), static_cast<int>(follow_up.kind()));
  if (*status == v1::LEAD_STATUS_NEW) {
    RecordStatusChange(tx, follow_up.lead_id(), v1::LEAD_STATUS_NEW, v1::LEAD_STATUS_FOLLOWING,
                       call.principal.id, "first follow-up", follow_up.follow_up_date());
  }
  return absl::OkStatus();
}

absl::Status LeadStore::ListFollowUps(pqxx::transaction_base& tx,
                                      const v1::ListFollowUpsRequest& request,
                                      v1::ListFollowUpsResponse* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  if (tx.exec_params("SELECT 1 FROM leads WHERE id = $1", request.lead_id()).empty()) {
    return NotFound("lead", request.lead_id());
  }
  const pqxx::result rows =
      tx.exec_params(absl::StrCat("SELECT ", kFollowUpColumns,
                                  " FROM follow_ups WHERE lead_id = $1 "
                                  "AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"),
                     request.lead_id(), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_follow_ups(), out->mutable_next_page_token(),
           FollowUpFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::Convert(pqxx::transaction_base& tx, const CallContext& call,
                                const v1::ConvertLeadRequest& request, v1::Lead* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  if (request.project_id() <= 0) return InvalidField("project_id", "is required");
  absl::StatusOr<v1::LeadStatus> status = LockStatus(tx, request.lead_id());
  if (!status.ok()) return status.status();
  if (*status == v1::LEAD_STATUS_CONVERTED) {
    // Converting again into the same project is how a half-done conversion
    // is repaired: it answers as if it were the first call.
    ZS_RETURN_IF_ERROR(Get(tx, request.lead_id(), out));
    if (out->project_id() == request.project_id()) return absl::OkStatus();
    return FailedPrecondition(
        "LEAD_ALREADY_CONVERTED",
        absl::StrCat("lead ", request.lead_id(), " was already converted into project ",
                     out->project_id()));
  }
  if (!IsOpen(*status)) return NotOpen(request.lead_id(), *status, "converted");
  tx.exec_params0(
      "UPDATE leads SET status = 3, project_id = $2, version = version + 1, "
      "updated_at = now() WHERE id = $1",
      request.lead_id(), request.project_id());
  RecordStatusChange(tx, request.lead_id(), *status, v1::LEAD_STATUS_CONVERTED, call.principal.id,
                     absl::StrCat("project ", request.project_id()));
  return Get(tx, request.lead_id(), out);
}

absl::Status LeadStore::Drop(pqxx::transaction_base& tx, const CallContext& call,
                             const v1::DropLeadRequest& request, v1::Lead* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  ZS_RETURN_IF_ERROR(ValidateRequiredText("reason", request.reason(), kMaxLongTextChars));
  if (!request.dropped_date().empty()) {
    ZS_RETURN_IF_ERROR(ValidateDate("dropped_date", request.dropped_date()));
  }
  const pqxx::result rows = tx.exec_params(
      "SELECT l.status, l.version, l.collected_date::text, "
      "  (SELECT max(h.effective_date)::text FROM lead_status_history h WHERE h.lead_id = l.id) "
      "FROM leads l WHERE l.id = $1 FOR UPDATE OF l",
      request.lead_id());
  if (rows.empty()) return NotFound("lead", request.lead_id());
  ZS_RETURN_IF_ERROR(
      CheckEtag("lead", request.lead_id(), request.etag(), rows[0][1].as<int64_t>(), "etag"));
  const auto status = static_cast<v1::LeadStatus>(rows[0][0].as<int>());
  if (!IsOpen(status)) return NotOpen(request.lead_id(), status, "dropped");
  if (!request.dropped_date().empty()) {
    // Not before the lead was collected, nor before its last status change.
    DateFloor floor{rows[0][2].as<std::string>(), "the lead's collected_date"};
    if (!rows[0][3].is_null() && rows[0][3].as<std::string>() > floor.date) {
      floor = {rows[0][3].as<std::string>(), "the lead's previous status change"};
    }
    ZS_RETURN_IF_ERROR(
        ValidateBusinessDate("dropped_date", request.dropped_date(), TodayInChina(), floor));
  }
  tx.exec_params0(
      "UPDATE leads SET status = 4, drop_reason = $2, version = version + 1, "
      "updated_at = now() WHERE id = $1",
      request.lead_id(), request.reason());
  RecordStatusChange(tx, request.lead_id(), status, v1::LEAD_STATUS_DROPPED, call.principal.id,
                     request.reason(), request.dropped_date());
  return Get(tx, request.lead_id(), out);
}

absl::Status LeadStore::ListStatusHistory(pqxx::transaction_base& tx,
                                          const v1::ListLeadStatusHistoryRequest& request,
                                          v1::ListLeadStatusHistoryResponse* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  if (tx.exec_params("SELECT 1 FROM leads WHERE id = $1", request.lead_id()).empty()) {
    return NotFound("lead", request.lead_id());
  }
  const pqxx::result rows =
      tx.exec_params("SELECT from_status, to_status, changed_by, reason, " ZS_MICROS(
                         "changed_at") ", effective_date::text "
                                       "FROM lead_status_history WHERE lead_id = $1 ORDER BY id",
                     request.lead_id());
  for (const pqxx::row& row : rows) {
    v1::LeadStatusChange* change = out->add_changes();
    change->set_from_status(static_cast<v1::LeadStatus>(row[0].as<int>()));
    change->set_to_status(static_cast<v1::LeadStatus>(row[1].as<int>()));
    change->set_changed_by(row[2].as<std::string>());
    change->set_reason(row[3].as<std::string>());
    SetTimestampMicros(row[4], change->mutable_change_time());
    change->set_effective_date(row[5].as<std::string>());
  }
  return absl::OkStatus();
}

absl::Status LeadStore::ListOverdue(pqxx::transaction_base& tx,
                                    const v1::ListOverdueLeadsRequest& request,
                                    v1::ListOverdueLeadsResponse* out) const {
  if (!v1::LeadDeadline::Kind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  // The same rules as ComputeDeadlines, in SQL so the list pages correctly.
  const pqxx::result rows = tx.exec_params(
      absl::StrCat(
          "SELECT ", kLeadColumns, kLeadFrom,
          "WHERE l.status IN (1, 2) "
          "  AND ($1::text IS NULL OR l.unit_code = $1) "
          "  AND ($2::text IS NULL OR l.office_code = $2) "
          "  AND ( (($3 = 0 OR $3 = 1) AND l.responded_at IS NULL "
          "         AND l.created_at + make_interval(hours => t.respond_hours) < now()) "
          "     OR (($3 = 0 OR $3 = 2) AND l.assessed_at IS NULL "
          "         AND l.created_at + make_interval(hours => t.assess_hours) < now()) "
          "     OR (($3 = 0 OR $3 = 3) AND l.referrer_id IS NOT NULL "
          "         AND l.referrer_feedback_at IS NULL "
          "         AND l.created_at + make_interval(hours => t.referrer_feedback_hours) < now()) "
          "     OR (($3 = 0 OR $3 = 4) AND COALESCE(l.last_progress_at, l.created_at) "
          "         + make_interval(days => t.progress_interval_days) < now())) "
          "  AND ($4::bigint IS NULL OR l.id < $4) "
          "ORDER BY l.id DESC LIMIT $5"),
      NullIfEmpty(request.unit_code()), NullIfEmpty(request.office_code()),
      static_cast<int>(request.kind()), page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_leads(), out->mutable_next_page_token(),
           LeadFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::GetTimeLimits(pqxx::transaction_base& tx, v1::LeadTimeLimits* out) const {
  const pqxx::row row = tx.exec1(
      "SELECT respond_hours, assess_hours, referrer_feedback_hours, progress_interval_days, "
      "version FROM lead_time_limits");
  out->set_respond_hours(row[0].as<int>());
  out->set_assess_hours(row[1].as<int>());
  out->set_referrer_feedback_hours(row[2].as<int>());
  out->set_progress_interval_days(row[3].as<int>());
  out->set_etag(FormatEtag(row[4].as<int64_t>()));
  return absl::OkStatus();
}

absl::Status LeadStore::UpdateTimeLimits(pqxx::transaction_base& tx,
                                         const v1::UpdateLeadTimeLimitsRequest& request,
                                         v1::LeadTimeLimits* out) const {
  const v1::LeadTimeLimits& limits = request.limits();
  ZS_RETURN_IF_ERROR(ValidateTimeLimits(limits));
  const int64_t version =
      tx.exec1("SELECT version FROM lead_time_limits FOR UPDATE")[0].as<int64_t>();
  ZS_RETURN_IF_ERROR(CheckEtag("limits", 1, limits.etag(), version));
  tx.exec_params0(
      "UPDATE lead_time_limits SET respond_hours = $1, assess_hours = $2, "
      "referrer_feedback_hours = $3, progress_interval_days = $4, version = version + 1",
      limits.respond_hours(), limits.assess_hours(), limits.referrer_feedback_hours(),
      limits.progress_interval_days());
  return GetTimeLimits(tx, out);
}

}  // namespace zs::lead

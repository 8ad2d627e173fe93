#include "services/lead/lead_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/lead/lead_rules.h"
#include "services/lead/queries.h"

namespace zs::lead {

namespace {

namespace common = ::zhaoshang::common::v1;

std::optional<absl::Time> MicrosToTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return absl::FromUnixMicros(field.as<int64_t>());
}

// The columns of follow_up.create and follow_up.list.
void FollowUpFromRow(const pqxx::row& row, v1::FollowUp* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_lead_id(FieldNamed(row, "lead_id").as<int64_t>());
  out->set_kind(static_cast<v1::FollowUp::Kind>(FieldNamed(row, "kind").as<int>()));
  out->set_content(FieldNamed(row, "content").as<std::string>());
  out->set_author(FieldNamed(row, "author").as<std::string>());
  out->set_follow_up_date(FieldNamed(row, "follow_up_date").as<std::string>());
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
}

}  // namespace

void LeadFromRow(const pqxx::row& row, v1::Lead* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_title(FieldNamed(row, "title").as<std::string>());
  out->set_enterprise_id(FieldNamed(row, "enterprise_id").as<int64_t>());
  out->set_channel(static_cast<common::Channel>(FieldNamed(row, "channel").as<int>()));
  out->set_industry(static_cast<common::Industry>(FieldNamed(row, "industry").as<int>()));
  out->set_chain_action(
      static_cast<common::ChainAction>(FieldNamed(row, "chain_action").as<int>()));
  out->set_estimated_investment_wan_yuan(
      FieldNamed(row, "estimated_investment_wan_yuan").as<int64_t>());
  out->set_unit_code(TextOrEmpty(FieldNamed(row, "unit_code")));
  out->set_office_code(TextOrEmpty(FieldNamed(row, "office_code")));
  out->set_follow_up_owner(FieldNamed(row, "follow_up_owner").as<std::string>());
  out->set_activity_id(IdOrZero(FieldNamed(row, "activity_id")));
  out->set_referrer_id(IdOrZero(FieldNamed(row, "referrer_id")));
  out->set_collected_date(FieldNamed(row, "collected_date").as<std::string>());
  out->set_status(static_cast<v1::LeadStatus>(FieldNamed(row, "status").as<int>()));
  out->set_drop_reason(FieldNamed(row, "drop_reason").as<std::string>());
  out->set_project_id(IdOrZero(FieldNamed(row, "project_id")));
  out->set_merged_into_id(IdOrZero(FieldNamed(row, "merged_into_id")));
  out->set_description(FieldNamed(row, "description").as<std::string>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  SetTimestampMicros(FieldNamed(row, "updated_micros"), out->mutable_update_time());

  LeadMilestones milestones{
      .created = *MicrosToTime(FieldNamed(row, "created_micros")),
      .responded = MicrosToTime(FieldNamed(row, "responded_micros")),
      .assessed = MicrosToTime(FieldNamed(row, "assessed_micros")),
      .referrer_feedback = MicrosToTime(FieldNamed(row, "referrer_feedback_micros")),
      .last_progress = MicrosToTime(FieldNamed(row, "last_progress_micros")),
      .has_referrer = out->referrer_id() != 0,
      .open = IsOpen(out->status())};
  v1::LeadTimeLimits limits;
  limits.set_respond_hours(FieldNamed(row, "respond_hours").as<int>());
  limits.set_assess_hours(FieldNamed(row, "assess_hours").as<int>());
  limits.set_referrer_feedback_hours(FieldNamed(row, "referrer_feedback_hours").as<int>());
  limits.set_progress_interval_days(FieldNamed(row, "progress_interval_days").as<int>());
  for (v1::LeadDeadline& deadline : ComputeDeadlines(milestones, limits, absl::Now())) {
    *out->add_deadlines() = std::move(deadline);
  }
}

void LeadStore::RecordStatusChange(pqxx::transaction_base& tx, int64_t lead_id, v1::LeadStatus from,
                                   v1::LeadStatus to, absl::string_view actor,
                                   absl::string_view reason, absl::string_view effective_date) {
  Exec(tx, queries::kLeadRecordStatusChange, lead_id, static_cast<int>(from), static_cast<int>(to),
       std::string(actor), std::string(reason), NullIfEmpty(std::string(effective_date)));
}

absl::StatusOr<v1::LeadStatus> LeadStore::LockStatus(pqxx::transaction_base& tx, int64_t id) const {
  const pqxx::result rows = Exec(tx, queries::kLeadLockStatus, id);
  if (rows.empty()) return NotFound("lead", id);
  return static_cast<v1::LeadStatus>(rows[0]["status"].as<int>());
}

namespace {

// INVALID_ARGUMENT naming the field whose enterprise, activity or referrer
// the columns e_id, e_merged, a_ok, r_ok (of lead.check_references and
// lead.create) found missing.
absl::Status ReferencesStatus(const v1::Lead& lead, const pqxx::row& row) {
  ZS_RETURN_IF_ERROR(EnterpriseStore::CheckActive("lead.enterprise_id", lead.enterprise_id(),
                                                  row["e_id"], row["e_merged"]));
  if (!row["a_ok"].as<bool>()) {
    return InvalidField("lead.activity_id",
                        absl::StrCat("activity ", lead.activity_id(), " does not exist"));
  }
  if (!row["r_ok"].as<bool>()) {
    return InvalidField("lead.referrer_id",
                        absl::StrCat("referrer ", lead.referrer_id(), " does not exist"));
  }
  return absl::OkStatus();
}

// The enterprise's open lead that lead.create found (columns o_id, o_title,
// o_owner), refused by LeadAlreadyOpen.
absl::Status OpenLeadStatus(const v1::Lead& lead, const pqxx::row& row, const Principal& viewer) {
  if (row["o_id"].is_null()) return absl::OkStatus();
  return LeadAlreadyOpen(lead.enterprise_id(),
                         {.id = row["o_id"].as<int64_t>(),
                          .title = row["o_title"].as<std::string>(),
                          .owner_code = row["o_owner"].as<std::string>()},
                         viewer);
}

}  // namespace

absl::Status LeadStore::CheckReferences(pqxx::transaction_base& tx, const v1::Lead& lead) const {
  return ReferencesStatus(
      lead, ExecPrepared(tx, queries::kLeadCheckReferences, lead.enterprise_id(),
                         NullIfZero(lead.activity_id()), NullIfZero(lead.referrer_id()))[0]);
}

absl::Status LeadStore::Create(pqxx::transaction_base& tx, const CallContext& call,
                               const StatementClaim& claim, const v1::CreateLeadRequest& request,
                               v1::Lead* out) const {
  v1::Lead lead = request.lead();
  if (lead.collected_date().empty()) lead.set_collected_date(TodayInChinaString());
  ZS_RETURN_IF_ERROR(ValidateLead(lead, directory_));
  ZS_RETURN_IF_ERROR(ValidateCollectedDate(lead, TodayInChina()));
  // One statement: the checks, and only when they pass the lead, its first
  // status change and the request id's record.
  const pqxx::row row = ExecPrepared(
      tx, queries::kLeadCreate, lead.title(), lead.enterprise_id(),
      static_cast<int>(lead.channel()), static_cast<int>(lead.industry()),
      static_cast<int>(lead.chain_action()), lead.estimated_investment_wan_yuan(),
      NullIfEmpty(lead.unit_code()), NullIfEmpty(lead.office_code()), lead.follow_up_owner(),
      NullIfZero(lead.activity_id()), NullIfZero(lead.referrer_id()), lead.collected_date(),
      lead.description(), call.principal.id, claim.request_id, claim.method, claim.request_hash,
      claim.principal, claim.on_behalf_of)[0];
  ZS_RETURN_IF_ERROR(ReferencesStatus(lead, row));
  ZS_RETURN_IF_ERROR(OpenLeadStatus(lead, row, call.principal));
  LeadFromRow(row, out);
  return absl::OkStatus();
}

absl::Status LeadStore::RenderRecorded(pqxx::transaction_base& tx, const std::string& request_id,
                                       v1::Lead* out) const {
  const pqxx::result rows = Exec(tx, queries::kLeadRenderRecorded, request_id);
  if (rows.empty()) return absl::InternalError("the request_id's recorded lead is missing");
  LeadFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status LeadStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Lead* out) const {
  return LoadLead(tx, id, out);
}

absl::Status LoadLead(pqxx::transaction_base& tx, int64_t id, v1::Lead* out) {
  const pqxx::result rows = ExecPrepared(tx, queries::kLeadGet, id);
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
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const auto& range = request.collected_date_range();
  // Merged leads are hidden unless asked for by status.
  const pqxx::result rows = Exec(
      tx, queries::kLeadList, NullIfEmpty(request.unit_code()), NullIfEmpty(request.office_code()),
      NullIfZero(request.industry()), NullIfZero(request.channel()), NullIfZero(request.status()),
      NullIfEmpty(range.start_date()), NullIfEmpty(range.end_date()),
      NullIfZero(request.enterprise_id()), NullIfZero(request.referrer_id()),
      NullIfZero(request.activity_id()), page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_leads(), out->mutable_next_page_token(), LeadFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::Update(pqxx::transaction_base& tx, const v1::UpdateLeadRequest& request,
                               v1::Lead* out) const {
  const int64_t id = request.lead().id();
  if (id <= 0) return InvalidField("lead.id", "is required");
  const pqxx::result rows = Exec(tx, queries::kLeadLock, id);
  if (rows.empty()) return NotFound("lead", id);
  v1::Lead current;
  LeadFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("lead", id, request.lead().etag(), rows[0]["version"].as<int64_t>()));
  ZS_RETURN_IF_ERROR(CheckNotMerged(current));
  ZS_RETURN_IF_ERROR(ApplyFieldMask(
      request.lead(), request.update_mask(),
      {"title", "channel", "industry", "chain_action", "estimated_investment_wan_yuan",
       "follow_up_owner", "activity_id", "referrer_id", "collected_date", "description"},
      &current));
  ZS_RETURN_IF_ERROR(ValidateLead(current, directory_));
  ZS_RETURN_IF_ERROR(ValidateCollectedDate(current, TodayInChina()));
  ZS_RETURN_IF_ERROR(CheckReferences(tx, current));
  Exec(tx, queries::kLeadUpdate, id, current.title(), static_cast<int>(current.channel()),
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
  ZS_ASSIGN_OR_RETURN(v1::LeadStatus status, LockStatus(tx, follow_up.lead_id()));
  ZS_RETURN_IF_ERROR(CheckOpen(follow_up.lead_id(), status, "followed up"));
  ZS_RETURN_IF_ERROR(ValidateFollowUpDate(
      follow_up,
      Exec(tx, queries::kLeadCollectedDate, follow_up.lead_id())[0]["collected_date"]
          .as<std::string>(),
      TodayInChina()));
  const pqxx::row row =
      Exec(tx, queries::kFollowUpCreate, follow_up.lead_id(), static_cast<int>(follow_up.kind()),
           follow_up.content(), call.principal.id, follow_up.follow_up_date())[0];
  FollowUpFromRow(row, out);
  Exec(tx, queries::kLeadFollowUp, follow_up.lead_id(), static_cast<int>(follow_up.kind()));
  if (status == v1::LEAD_STATUS_NEW) {
    RecordStatusChange(tx, follow_up.lead_id(), v1::LEAD_STATUS_NEW, v1::LEAD_STATUS_FOLLOWING,
                       call.principal.id, "first follow-up", follow_up.follow_up_date());
  }
  return absl::OkStatus();
}

absl::Status LeadStore::ListFollowUps(pqxx::transaction_base& tx,
                                      const v1::ListFollowUpsRequest& request,
                                      v1::ListFollowUpsResponse* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  if (Exec(tx, queries::kLeadExists, request.lead_id()).empty()) {
    return NotFound("lead", request.lead_id());
  }
  const pqxx::result rows =
      Exec(tx, queries::kFollowUpList, request.lead_id(), page.after_id(), page.fetch_limit());
  page.Fill(rows, out->mutable_follow_ups(), out->mutable_next_page_token(), FollowUpFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::Convert(pqxx::transaction_base& tx, const CallContext& call,
                                const v1::ConvertLeadRequest& request, v1::Lead* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  if (request.project_id() <= 0) return InvalidField("project_id", "is required");
  ZS_ASSIGN_OR_RETURN(v1::LeadStatus status, LockStatus(tx, request.lead_id()));
  int64_t converted_into = 0;
  if (status == v1::LEAD_STATUS_CONVERTED) {
    ZS_RETURN_IF_ERROR(Get(tx, request.lead_id(), out));
    converted_into = out->project_id();
  }
  ZS_ASSIGN_OR_RETURN(bool repeat, IsRepeatConversion(request.lead_id(), status, converted_into,
                                                      request.project_id()));
  if (repeat) return absl::OkStatus();  // answered as the first call was
  Exec(tx, queries::kLeadConvert, request.lead_id(), request.project_id());
  RecordStatusChange(tx, request.lead_id(), status, v1::LEAD_STATUS_CONVERTED, call.principal.id,
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
  const pqxx::result rows = Exec(tx, queries::kLeadLockForDrop, request.lead_id());
  if (rows.empty()) return NotFound("lead", request.lead_id());
  const pqxx::row& lead = rows[0];
  ZS_RETURN_IF_ERROR(
      CheckEtag("lead", request.lead_id(), request.etag(), lead["version"].as<int64_t>(), "etag"));
  const auto status = static_cast<v1::LeadStatus>(lead["status"].as<int>());
  ZS_RETURN_IF_ERROR(CheckOpen(request.lead_id(), status, "dropped"));
  ZS_RETURN_IF_ERROR(ValidateDroppedDate(request.dropped_date(),
                                         lead["collected_date"].as<std::string>(),
                                         TextOrEmpty(lead["last_change_date"]), TodayInChina()));
  Exec(tx, queries::kLeadDrop, request.lead_id(), request.reason());
  RecordStatusChange(tx, request.lead_id(), status, v1::LEAD_STATUS_DROPPED, call.principal.id,
                     request.reason(), request.dropped_date());
  return Get(tx, request.lead_id(), out);
}

absl::Status LeadStore::ListStatusHistory(pqxx::transaction_base& tx,
                                          const v1::ListLeadStatusHistoryRequest& request,
                                          v1::ListLeadStatusHistoryResponse* out) const {
  if (request.lead_id() <= 0) return InvalidField("lead_id", "is required");
  if (Exec(tx, queries::kLeadExists, request.lead_id()).empty()) {
    return NotFound("lead", request.lead_id());
  }
  for (const pqxx::row& row : Exec(tx, queries::kLeadListStatusHistory, request.lead_id())) {
    v1::LeadStatusChange* change = out->add_changes();
    change->set_from_status(static_cast<v1::LeadStatus>(row["from_status"].as<int>()));
    change->set_to_status(static_cast<v1::LeadStatus>(row["to_status"].as<int>()));
    change->set_changed_by(row["changed_by"].as<std::string>());
    change->set_reason(row["reason"].as<std::string>());
    SetTimestampMicros(row["changed_micros"], change->mutable_change_time());
    change->set_effective_date(row["effective_date"].as<std::string>());
  }
  return absl::OkStatus();
}

absl::Status LeadStore::ListOverdue(pqxx::transaction_base& tx,
                                    const v1::ListOverdueLeadsRequest& request,
                                    v1::ListOverdueLeadsResponse* out) const {
  if (!v1::LeadDeadline::Kind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  // The same rules as ComputeDeadlines, in SQL so the list pages correctly.
  const pqxx::result rows =
      Exec(tx, queries::kLeadListOverdue, NullIfEmpty(request.unit_code()),
           NullIfEmpty(request.office_code()), static_cast<int>(request.kind()), page.after_id(),
           page.fetch_limit());
  page.Fill(rows, out->mutable_leads(), out->mutable_next_page_token(), LeadFromRow);
  return absl::OkStatus();
}

absl::Status LeadStore::GetTimeLimits(pqxx::transaction_base& tx, v1::LeadTimeLimits* out) const {
  const pqxx::row row = Exec(tx, queries::kTimeLimitsGet)[0];
  out->set_respond_hours(row["respond_hours"].as<int>());
  out->set_assess_hours(row["assess_hours"].as<int>());
  out->set_referrer_feedback_hours(row["referrer_feedback_hours"].as<int>());
  out->set_progress_interval_days(row["progress_interval_days"].as<int>());
  out->set_etag(FormatEtag(row["version"].as<int64_t>()));
  return absl::OkStatus();
}

absl::Status LeadStore::UpdateTimeLimits(pqxx::transaction_base& tx,
                                         const v1::UpdateLeadTimeLimitsRequest& request,
                                         v1::LeadTimeLimits* out) const {
  const v1::LeadTimeLimits& limits = request.limits();
  ZS_RETURN_IF_ERROR(ValidateTimeLimits(limits));
  const int64_t version = Exec(tx, queries::kTimeLimitsLock)[0]["version"].as<int64_t>();
  ZS_RETURN_IF_ERROR(CheckEtag("limits", 1, limits.etag(), version));
  Exec(tx, queries::kTimeLimitsUpdate, limits.respond_hours(), limits.assess_hours(),
       limits.referrer_feedback_hours(), limits.progress_interval_days());
  return GetTimeLimits(tx, out);
}

}  // namespace zs::lead

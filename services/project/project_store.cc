#include "services/project/project_store.h"

#include "absl/strings/str_cat.h"
#include "common/business_date.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"

namespace zs::project {
namespace {

namespace common = ::zhaoshang::common::v1;

#define ZS_DATE(column) "to_char(" column ", 'YYYY-MM-DD')"

// clang-format off
const char kProjectColumns[] =
    "p.id, p.name, p.enterprise_id, p.lead_id, p.industry, p.chain_action, p.park_code, "
    "p.enterprise_type, p.total_investment_wan_yuan, "
    ZS_DATE("p.planned_sign_date") ", " ZS_DATE("p.planned_start_date") ", "
    ZS_DATE("p.planned_completion_date") ", " ZS_DATE("p.signed_date") ", "
    ZS_DATE("p.started_date") ", " ZS_DATE("p.completed_date") ", "
    "p.unit_code, p.leader_code, p.commander_code, p.dedicated_person, p.service_team, "
    "p.stage, p.drop_reason, p.signed_at_activity_id, "
    "(SELECT COALESCE(sum(f.amount_wan_yuan), 0) FROM funds f WHERE f.project_id = p.id), "
    "p.version, " ZS_MICROS("p.created_at") ", " ZS_MICROS("p.updated_at") ", "
    "p.lead_conversion_pending, COALESCE(p.collected_by, '')";
// clang-format on

void ProjectFromRow(const pqxx::row& row, v1::Project* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_name(row[1].as<std::string>());
  out->set_enterprise_id(row[2].as<int64_t>());
  out->set_lead_id(IdOrZero(row[3]));
  out->set_industry(static_cast<common::Industry>(row[4].as<int>()));
  out->set_chain_action(static_cast<common::ChainAction>(row[5].as<int>()));
  out->set_park_code(TextOrEmpty(row[6]));
  out->set_enterprise_type(static_cast<common::EnterpriseType>(row[7].as<int>()));
  out->set_total_investment_wan_yuan(row[8].as<int64_t>());
  out->set_planned_sign_date(TextOrEmpty(row[9]));
  out->set_planned_start_date(TextOrEmpty(row[10]));
  out->set_planned_completion_date(TextOrEmpty(row[11]));
  out->set_signed_date(TextOrEmpty(row[12]));
  out->set_started_date(TextOrEmpty(row[13]));
  out->set_completed_date(TextOrEmpty(row[14]));
  out->set_unit_code(row[15].as<std::string>());
  out->set_leader_code(TextOrEmpty(row[16]));
  out->set_commander_code(TextOrEmpty(row[17]));
  out->set_dedicated_person(row[18].as<std::string>());
  out->set_service_team(row[19].as<std::string>());
  out->set_stage(static_cast<v1::Stage>(row[20].as<int>()));
  out->set_drop_reason(row[21].as<std::string>());
  out->set_signed_at_activity_id(IdOrZero(row[22]));
  out->set_paid_in_wan_yuan(row[23].as<int64_t>());
  out->set_etag(FormatEtag(row[24].as<int64_t>()));
  SetTimestampMicros(row[25], out->mutable_create_time());
  SetTimestampMicros(row[26], out->mutable_update_time());
  out->set_lead_conversion_pending(row[27].as<bool>());
  out->set_collected_by_code(row[28].as<std::string>());
}

const char kTransitionColumns[] =
    "t.id, t.project_id, t.kind, t.from_stage, t.to_stage, " ZS_DATE("t.effective_date") ", "
    "t.investment_wan_yuan, t.increment_wan_yuan, t.activity_id, t.enterprise_id, t.reason, "
    "t.actor, " ZS_MICROS("t.recorded_at") ", p.name, p.unit_code";
const char kTransitionFrom[] = " FROM transitions t JOIN projects p ON p.id = t.project_id ";

void TransitionFromRow(const pqxx::row& row, v1::StageTransition* out) {
  out->set_id(row[0].as<int64_t>());
  out->set_project_id(row[1].as<int64_t>());
  out->set_kind(static_cast<v1::StageTransition::Kind>(row[2].as<int>()));
  out->set_from_stage(static_cast<v1::Stage>(row[3].as<int>()));
  out->set_to_stage(static_cast<v1::Stage>(row[4].as<int>()));
  out->set_effective_date(row[5].as<std::string>());
  out->set_investment_wan_yuan(row[6].as<int64_t>());
  out->set_increment_wan_yuan(row[7].as<int64_t>());
  out->set_activity_id(IdOrZero(row[8]));
  out->set_enterprise_id(IdOrZero(row[9]));
  out->set_reason(row[10].as<std::string>());
  out->set_actor(row[11].as<std::string>());
  SetTimestampMicros(row[12], out->mutable_record_time());
  out->set_project_name(row[13].as<std::string>());
  out->set_unit_code(row[14].as<std::string>());
}

int64_t InsertProject(pqxx::transaction_base& tx, const v1::Project& p, v1::Stage stage,
                      bool pending) {
  return tx
      .exec_params1(
          "INSERT INTO projects (name, enterprise_id, lead_id, lead_conversion_pending, industry, "
          "chain_action, park_code, enterprise_type, total_investment_wan_yuan, "
          "planned_sign_date, planned_start_date, planned_completion_date, unit_code, "
          "leader_code, commander_code, dedicated_person, service_team, stage, collected_by) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
          "$18, $19) RETURNING id",
          p.name(), p.enterprise_id(), NullIfZero(p.lead_id()), pending,
          static_cast<int>(p.industry()), static_cast<int>(p.chain_action()),
          NullIfEmpty(p.park_code()), static_cast<int>(p.enterprise_type()),
          p.total_investment_wan_yuan(), NullIfEmpty(p.planned_sign_date()),
          NullIfEmpty(p.planned_start_date()), NullIfEmpty(p.planned_completion_date()),
          p.unit_code(), NullIfEmpty(p.leader_code()), NullIfEmpty(p.commander_code()),
          p.dedicated_person(), p.service_team(), static_cast<int>(stage),
          NullIfEmpty(p.collected_by_code()))[0]
      .as<int64_t>();
}

}  // namespace

void RecordTransition(pqxx::transaction_base& tx, const CallContext& call,
                      const TransitionRow& row) {
  tx.exec_params0(
      "INSERT INTO transitions (project_id, kind, from_stage, to_stage, effective_date, "
      "investment_wan_yuan, increment_wan_yuan, activity_id, enterprise_id, reason, actor) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      row.project_id, static_cast<int>(row.kind), static_cast<int>(row.from),
      static_cast<int>(row.to), row.effective_date, row.investment, row.increment,
      NullIfZero(row.activity_id), NullIfZero(row.enterprise_id), row.reason, call.principal.id);
}

absl::StatusOr<v1::Stage> ProjectStage(pqxx::transaction_base& tx, int64_t id) {
  if (id <= 0) return InvalidField("project_id", "is required");
  const pqxx::result rows = tx.exec_params("SELECT stage FROM projects WHERE id = $1", id);
  if (rows.empty()) return NotFound("project", id);
  return static_cast<v1::Stage>(rows[0][0].as<int>());
}

absl::Status ProjectStore::Create(pqxx::transaction_base& tx, const CallContext& call,
                                  const v1::Project& project, const std::string& effective_date,
                                  v1::Project* out) const {
  v1::Stage stage =
      project.stage() == v1::STAGE_UNSPECIFIED ? v1::STAGE_NEGOTIATING : project.stage();
  if (stage != v1::STAGE_PROMOTED && stage != v1::STAGE_NEGOTIATING) {
    return InvalidField("project.stage",
                        "new projects start PROMOTED or NEGOTIATING; later stages are reached "
                        "with the transition RPCs");
  }
  ZS_RETURN_IF_ERROR(ValidateProject(project, directory_));
  if (!effective_date.empty()) {
    ZS_RETURN_IF_ERROR(ValidateBusinessDate("effective_date", effective_date, TodayInChina()));
  }
  v1::Project direct = project;
  direct.clear_collected_by_code();  // output only: set from a converted lead
  const int64_t id = InsertProject(tx, direct, stage, false);
  RecordTransition(
      tx, call,
      {.project_id = id,
       .kind = v1::StageTransition::KIND_STAGE_CHANGE,
       .from = v1::STAGE_UNSPECIFIED,
       .to = stage,
       .effective_date = effective_date.empty() ? TodayInChinaString() : effective_date,
       .investment = project.total_investment_wan_yuan(),
       .reason = "created"});
  return Get(tx, id, out);
}

absl::Status ProjectStore::CreateFromLead(pqxx::transaction_base& tx, const CallContext& call,
                                          const v1::Project& project,
                                          const std::string& negotiation_date,
                                          v1::Project* out) const {
  ZS_RETURN_IF_ERROR(ValidateProject(project, directory_));
  const pqxx::result existing = tx.exec_params(
      "SELECT id FROM projects WHERE lead_id = $1 AND stage <> 8 FOR UPDATE", project.lead_id());
  if (!existing.empty()) return Get(tx, existing[0][0].as<int64_t>(), out);
  const int64_t id = InsertProject(tx, project, v1::STAGE_NEGOTIATING, true);
  RecordTransition(
      tx, call,
      {.project_id = id,
       .kind = v1::StageTransition::KIND_STAGE_CHANGE,
       .from = v1::STAGE_UNSPECIFIED,
       .to = v1::STAGE_NEGOTIATING,
       .effective_date = negotiation_date.empty() ? TodayInChinaString() : negotiation_date,
       .investment = project.total_investment_wan_yuan(),
       .reason = absl::StrCat("converted from lead ", project.lead_id())});
  return Get(tx, id, out);
}

void ProjectStore::ConfirmConversion(pqxx::transaction_base& tx, int64_t project_id) const {
  tx.exec_params0(
      "UPDATE projects SET lead_conversion_pending = false WHERE id = $1 AND "
      "lead_conversion_pending",
      project_id);
}

std::vector<std::pair<int64_t, int64_t>> ProjectStore::PendingConversions(
    pqxx::transaction_base& tx) const {
  std::vector<std::pair<int64_t, int64_t>> pending;
  for (const pqxx::row& row :
       tx.exec("SELECT id, lead_id FROM projects WHERE lead_conversion_pending ORDER BY id")) {
    pending.emplace_back(row[0].as<int64_t>(), row[1].as<int64_t>());
  }
  return pending;
}

absl::Status ProjectStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Project* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kProjectColumns, " FROM projects p WHERE p.id = $1"), id);
  if (rows.empty()) return NotFound("project", id);
  ProjectFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status ProjectStore::List(pqxx::transaction_base& tx, const v1::ListProjectsRequest& request,
                                v1::ListProjectsResponse* out) const {
  if (!v1::Stage_IsValid(request.stage())) return InvalidField("stage", "unknown value");
  if (!common::Industry_IsValid(request.industry())) {
    return InvalidField("industry", "unknown value");
  }
  if (request.stale_ledger_days() < 0 || request.stale_ledger_days() > 36500) {
    return InvalidField("stale_ledger_days", "must be between 0 and 36500");
  }
  if (request.continuing_in_year() != 0 &&
      (request.continuing_in_year() < 2000 || request.continuing_in_year() > 2100)) {
    return InvalidField("continuing_in_year", "must be between 2000 and 2100 (0: any)");
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kProjectColumns,
                   " FROM projects p "
                   "WHERE ($1::int IS NULL OR p.stage = $1) "
                   "  AND ($2::text IS NULL OR p.unit_code = $2) "
                   "  AND ($3::text IS NULL OR p.leader_code = $3 OR p.commander_code = $3) "
                   "  AND ($4::text IS NULL OR p.park_code = $4) "
                   "  AND ($5::int IS NULL OR p.industry = $5) "
                   "  AND ($6::bigint IS NULL OR p.id < $6) "
                   "  AND ($11::text IS NULL OR p.collected_by = $11) "
                   "  AND ($8::int IS NULL OR (p.stage IN (1, 2, 3, 4, 5, 6) AND COALESCE( "
                   "       (SELECT max(le.entry_date) FROM ledger_entries le "
                   "        WHERE le.project_id = p.id), "
                   "       (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) "
                   "       < $9::date - $8::int)) "
                   "  AND ($10::int IS NULL OR continuing_on(p, make_date($10::int, 1, 1))) "
                   "ORDER BY p.id DESC LIMIT $7"),
      NullIfZero(request.stage()), NullIfEmpty(request.unit_code()),
      NullIfEmpty(request.leader_code()), NullIfEmpty(request.park_code()),
      NullIfZero(request.industry()), page->after_id, page->limit + 1,
      request.stale_ledger_days() > 0 ? std::optional(request.stale_ledger_days()) : std::nullopt,
      TodayInChinaString(),
      request.continuing_in_year() > 0 ? std::optional(request.continuing_in_year()) : std::nullopt,
      NullIfEmpty(request.collected_by_code()));
  FillPage(rows, *page, fingerprint, out->mutable_projects(), out->mutable_next_page_token(),
           ProjectFromRow);
  return absl::OkStatus();
}

absl::Status ProjectStore::Update(pqxx::transaction_base& tx,
                                  const v1::UpdateProjectRequest& request, v1::Project* out) const {
  const int64_t id = request.project().id();
  if (id <= 0) return InvalidField("project.id", "is required");
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kProjectColumns, " FROM projects p WHERE p.id = $1 FOR UPDATE"), id);
  if (rows.empty()) return NotFound("project", id);
  v1::Project current;
  ProjectFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(CheckEtag("project", id, request.project().etag(), rows[0][24].as<int64_t>()));
  const int64_t investment_before = current.total_investment_wan_yuan();
  ZS_RETURN_IF_ERROR(
      ApplyFieldMask(request.project(), request.update_mask(),
                     {"name", "industry", "chain_action", "park_code", "enterprise_type",
                      "total_investment_wan_yuan", "planned_sign_date", "planned_start_date",
                      "planned_completion_date", "leader_code", "commander_code",
                      "dedicated_person", "service_team"},
                     &current));
  ZS_RETURN_IF_ERROR(ValidateProject(current, directory_));
  if (current.total_investment_wan_yuan() != investment_before &&
      current.stage() != v1::STAGE_PROMOTED && current.stage() != v1::STAGE_NEGOTIATING) {
    return FailedPrecondition(
        "INVESTMENT_FIXED_AFTER_SIGNING",
        absl::StrCat("project ", id, " is ", v1::Stage_Name(current.stage()),
                     "; its investment changes only through RecordCapitalIncrease"));
  }
  tx.exec_params0(
      "UPDATE projects SET name = $2, industry = $3, chain_action = $4, park_code = $5, "
      "enterprise_type = $6, total_investment_wan_yuan = $7, planned_sign_date = $8, "
      "planned_start_date = $9, planned_completion_date = $10, "
      "leader_code = $11, commander_code = $12, dedicated_person = $13, service_team = $14, "
      "version = version + 1, updated_at = now() WHERE id = $1",
      id, current.name(), static_cast<int>(current.industry()),
      static_cast<int>(current.chain_action()), NullIfEmpty(current.park_code()),
      static_cast<int>(current.enterprise_type()), current.total_investment_wan_yuan(),
      NullIfEmpty(current.planned_sign_date()), NullIfEmpty(current.planned_start_date()),
      NullIfEmpty(current.planned_completion_date()), NullIfEmpty(current.leader_code()),
      NullIfEmpty(current.commander_code()), current.dedicated_person(), current.service_team());
  return Get(tx, id, out);
}

absl::Status ProjectStore::HandOver(pqxx::transaction_base& tx, const CallContext& call,
                                    const v1::HandOverProjectRequest& request,
                                    v1::Project* out) const {
  if (request.etag().empty()) return InvalidField("etag", "is required");
  if (!directory_.IsUnit(request.unit_code())) {
    return InvalidField("unit_code", "is not an active unit in the directory");
  }
  ZS_RETURN_IF_ERROR(ValidateRequiredText("reason", request.reason(), 500));
  if (request.project_id() <= 0) return InvalidField("project_id", "is required");
  const pqxx::result rows = tx.exec_params(
      "SELECT unit_code, version FROM projects WHERE id = $1 FOR UPDATE", request.project_id());
  if (rows.empty()) return NotFound("project", request.project_id());
  ZS_RETURN_IF_ERROR(
      CheckEtag("project", request.project_id(), request.etag(), rows[0][1].as<int64_t>(), "etag"));
  const std::string from = rows[0][0].as<std::string>();
  if (from == request.unit_code()) {
    return InvalidField("unit_code", "is already the project's responsible unit");
  }
  tx.exec_params0(
      "UPDATE projects SET unit_code = $2, version = version + 1, updated_at = now() "
      "WHERE id = $1",
      request.project_id(), request.unit_code());
  tx.exec_params0(
      "INSERT INTO project_handovers (project_id, from_unit_code, to_unit_code, reason, actor) "
      "VALUES ($1, $2, $3, $4, $5)",
      request.project_id(), from, request.unit_code(), request.reason(), call.principal.id);
  return Get(tx, request.project_id(), out);
}

absl::StatusOr<ProjectStore::Locked> ProjectStore::Lock(pqxx::transaction_base& tx, int64_t id,
                                                        const std::string& etag) const {
  if (id <= 0) return InvalidField("project_id", "is required");
  const pqxx::result rows = tx.exec_params(
      "SELECT stage, version, total_investment_wan_yuan, "
      // The creation row is when the project was recorded, not a business
      // date, so history entered late (signed last year) stays possible.
      "  (SELECT " ZS_DATE("max(t.effective_date)") " FROM transitions t "
      "   WHERE t.project_id = p.id AND t.from_stage <> 0 AND t.kind <> 5) "
      "FROM projects p WHERE id = $1 FOR UPDATE",
      id);
  if (rows.empty()) return NotFound("project", id);
  Locked locked{static_cast<v1::Stage>(rows[0][0].as<int>()), rows[0][1].as<int64_t>(),
                rows[0][2].as<int64_t>(), TextOrEmpty(rows[0][3])};
  ZS_RETURN_IF_ERROR(CheckEtag("project", id, etag, locked.version, "etag"));
  return locked;
}

absl::StatusOr<std::string> ProjectStore::EffectiveDate(const std::string& field,
                                                        const std::string& date,
                                                        const Locked& locked) const {
  const std::string today = TodayInChinaString();
  if (date.empty()) return std::max(today, locked.last_effective_date);
  ZS_RETURN_IF_ERROR(ValidateDate(field, date));
  if (date > today) return InvalidField(field, "is in the future");
  if (date < locked.last_effective_date) {
    return InvalidField(field, absl::StrCat("is before the project's previous change on ",
                                            locked.last_effective_date));
  }
  return date;
}

absl::Status ProjectStore::Move(pqxx::transaction_base& tx, const CallContext& call,
                                const StageMove& move, v1::Project* out) const {
  absl::StatusOr<Locked> locked = Lock(tx, move.project_id, move.etag);
  if (!locked.ok()) return locked.status();
  ZS_RETURN_IF_ERROR(CheckTransition(move.project_id, locked->stage, move.to));
  absl::StatusOr<std::string> date = EffectiveDate(move.date_field, move.effective_date, *locked);
  if (!date.ok()) return date.status();
  int64_t investment = locked->investment;
  if (move.to == v1::STAGE_SIGNED) {
    // 'Signed projects: clear numbers, clear situation, solid measures.'
    ZS_RETURN_IF_ERROR(
        ValidateMoney("signed_investment_wan_yuan", move.signed_investment_wan_yuan));
    if (move.signed_investment_wan_yuan == 0) {
      return InvalidField("signed_investment_wan_yuan", "is required to sign");
    }
    if (tx.exec_params("SELECT 1 FROM ledger_entries WHERE project_id = $1 AND kind = 2 LIMIT 1",
                       move.project_id)
            .empty()) {
      return FailedPrecondition("NO_MEASURES",
                                absl::StrCat("project ", move.project_id,
                                             " has no measures in its ledger; add at least one "
                                             "MEASURE entry before signing"));
    }
    if (move.activity_id < 0) return InvalidField("activity_id", "must not be negative");
    investment = move.signed_investment_wan_yuan;
  }
  if (move.to == v1::STAGE_DROPPED) {
    ZS_RETURN_IF_ERROR(ValidateRequiredText("reason", move.reason, 4000));
  }
  // Each stage stamps its own date column with the effective date.
  tx.exec_params0(
      "UPDATE projects SET stage = $2::smallint, total_investment_wan_yuan = $3, "
      "drop_reason = CASE WHEN $2::smallint = 8 THEN $4 ELSE drop_reason END, "
      "signed_at_activity_id = CASE WHEN $2::smallint = 3 THEN $5 ELSE signed_at_activity_id END, "
      "signed_date = CASE WHEN $2::smallint = 3 THEN $6::date ELSE signed_date END, "
      "planned_start_date = CASE WHEN $2::smallint = 4 THEN $6::date ELSE planned_start_date END, "
      "started_date = CASE WHEN $2::smallint = 5 THEN $6::date ELSE started_date END, "
      "completed_date = CASE WHEN $2::smallint = 7 THEN $6::date ELSE completed_date END, "
      "version = version + 1, updated_at = now() WHERE id = $1",
      move.project_id, static_cast<int>(move.to), investment, move.reason,
      NullIfZero(move.activity_id), *date);
  if (move.to == v1::STAGE_COMPLETED || move.to == v1::STAGE_DROPPED) {
    // A rollover is not a business event (it is derived from the dates):
    // one that carried the project into a year it had ended before is void.
    tx.exec_params0(
        "DELETE FROM transitions WHERE project_id = $1 AND kind = 5 AND effective_date > $2::date",
        move.project_id, *date);
  }
  RecordTransition(tx, call,
                   {.project_id = move.project_id,
                    .kind = v1::StageTransition::KIND_STAGE_CHANGE,
                    .from = locked->stage,
                    .to = move.to,
                    .effective_date = *date,
                    .investment = investment,
                    .activity_id = move.activity_id,
                    .reason = move.reason});
  return Get(tx, move.project_id, out);
}

absl::Status ProjectStore::RecordCapitalIncrease(pqxx::transaction_base& tx,
                                                 const CallContext& call,
                                                 const v1::RecordCapitalIncreaseRequest& request,
                                                 v1::Project* out) const {
  if (request.increment_wan_yuan() <= 0) {
    return InvalidField("increment_wan_yuan", "must be greater than zero");
  }
  ZS_RETURN_IF_ERROR(ValidateMoney("increment_wan_yuan", request.increment_wan_yuan()));
  absl::StatusOr<Locked> locked = Lock(tx, request.project_id(), request.etag());
  if (!locked.ok()) return locked.status();
  if (!IsSignedStage(locked->stage)) {
    return FailedPrecondition(
        "NOT_SIGNED",
        absl::StrCat("project ", request.project_id(), " is ", v1::Stage_Name(locked->stage),
                     "; a capital increase applies to a signed project (before "
                     "signing, update total_investment_wan_yuan)"));
  }
  absl::StatusOr<std::string> date =
      EffectiveDate("effective_date", request.effective_date(), *locked);
  if (!date.ok()) return date.status();
  const int64_t total = locked->investment + request.increment_wan_yuan();
  tx.exec_params0(
      "UPDATE projects SET total_investment_wan_yuan = $2, version = version + 1, "
      "updated_at = now() WHERE id = $1",
      request.project_id(), total);
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_CAPITAL_INCREASE,
                    .from = locked->stage,
                    .to = locked->stage,
                    .effective_date = *date,
                    .investment = total,
                    .increment = request.increment_wan_yuan()});
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::ChangeInvestor(pqxx::transaction_base& tx, const CallContext& call,
                                          const v1::ChangeInvestorRequest& request,
                                          v1::Project* out) const {
  if (request.new_enterprise_id() <= 0) return InvalidField("new_enterprise_id", "is required");
  if (request.activity_id() < 0) return InvalidField("activity_id", "must not be negative");
  absl::StatusOr<Locked> locked = Lock(tx, request.project_id(), request.etag());
  if (!locked.ok()) return locked.status();
  if (!IsOpenStage(locked->stage) && locked->stage != v1::STAGE_COMPLETED) {
    return FailedPrecondition("PROJECT_DROPPED",
                              absl::StrCat("project ", request.project_id(), " was dropped"));
  }
  absl::StatusOr<std::string> date =
      EffectiveDate("effective_date", request.effective_date(), *locked);
  if (!date.ok()) return date.status();
  tx.exec_params0(
      "UPDATE projects SET enterprise_id = $2, "
      "signed_at_activity_id = COALESCE($3, signed_at_activity_id), version = version + 1, "
      "updated_at = now() WHERE id = $1",
      request.project_id(), request.new_enterprise_id(), NullIfZero(request.activity_id()));
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_INVESTOR_CHANGE,
                    .from = locked->stage,
                    .to = locked->stage,
                    .effective_date = *date,
                    .investment = locked->investment,
                    .activity_id = request.activity_id(),
                    .enterprise_id = request.new_enterprise_id()});
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::RecordResigning(pqxx::transaction_base& tx, const CallContext& call,
                                           const v1::RecordResigningRequest& request,
                                           v1::Project* out) const {
  if (request.activity_id() <= 0) return InvalidField("activity_id", "is required");
  absl::StatusOr<Locked> locked = Lock(tx, request.project_id(), request.etag());
  if (!locked.ok()) return locked.status();
  if (!IsSignedStage(locked->stage)) {
    return FailedPrecondition(
        "NOT_SIGNED",
        absl::StrCat("project ", request.project_id(), " is ", v1::Stage_Name(locked->stage),
                     "; only a signed project can be re-signed"));
  }
  absl::StatusOr<std::string> date =
      EffectiveDate("effective_date", request.effective_date(), *locked);
  if (!date.ok()) return date.status();
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_RESIGNING,
                    .from = locked->stage,
                    .to = locked->stage,
                    .effective_date = *date,
                    .investment = locked->investment,
                    .activity_id = request.activity_id()});
  tx.exec_params0("UPDATE projects SET version = version + 1, updated_at = now() WHERE id = $1",
                  request.project_id());
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::RollOverYear(pqxx::transaction_base& tx, const CallContext& call,
                                        const v1::RollOverYearRequest& request,
                                        v1::RollOverYearResponse* out) const {
  if (request.year() < 2000 || request.year() > 2100) {
    return InvalidField("year", "must be between 2000 and 2100");
  }
  // Runs for one year take turns; each marks only what no run marked.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('rollover'), $1)", request.year());
  const std::string new_year = absl::StrCat(request.year() + 1, "-01-01");
  // Continuing into the new year by the recorded dates (continuing_on,
  // migration 0002) and still under construction: STARTED becomes
  // CONTINUING, CONTINUING carries again; a start entered after an earlier
  // run is marked now.
  tx.exec_params0(
      "WITH carried AS ( "
      "  SELECT p.id, p.stage, investment_before(p, $1::date) AS investment FROM projects p "
      "  WHERE p.stage IN (5, 6) AND continuing_on(p, $1::date) "
      "    AND NOT EXISTS (SELECT 1 FROM transitions r WHERE r.project_id = p.id "
      "                    AND r.kind = 5 AND r.effective_date = $1::date) "
      "  FOR UPDATE OF p), "
      "marked AS ( "
      "  UPDATE projects p SET stage = 6, version = version + 1, updated_at = now() "
      "  FROM carried c WHERE p.id = c.id RETURNING p.id) "
      "INSERT INTO transitions (project_id, kind, from_stage, to_stage, effective_date, "
      "  investment_wan_yuan, actor, reason) "
      "SELECT c.id, 5, c.stage, 6, $1::date, c.investment, $2, $3 FROM carried c",
      new_year, call.principal.id, absl::StrCat("carried into ", request.year() + 1));
  const int64_t marked =
      tx.exec_params1("SELECT count(*) FROM transitions WHERE kind = 5 AND effective_date = $1",
                      new_year)[0]
          .as<int64_t>();
  tx.exec_params0(
      "INSERT INTO year_rollovers (year, marked_continuing) VALUES ($1, $2) "
      "ON CONFLICT (year) DO UPDATE SET marked_continuing = EXCLUDED.marked_continuing",
      request.year(), marked);
  out->set_marked_continuing(marked);
  return absl::OkStatus();
}

absl::Status ProjectStore::MoveEnterpriseProjects(pqxx::transaction_base& tx,
                                                  const v1::MoveEnterpriseProjectsRequest& request,
                                                  v1::MoveEnterpriseProjectsResponse* out) const {
  const int64_t from = request.from_enterprise_id();
  const int64_t to = request.to_enterprise_id();
  if (from <= 0) return InvalidField("from_enterprise_id", "is required");
  if (to <= 0) return InvalidField("to_enterprise_id", "is required");
  if (from == to) return InvalidField("to_enterprise_id", "is the same as from_enterprise_id");
  const int64_t moved = tx.exec_params0(
                              "UPDATE projects SET enterprise_id = $2, version = version + 1, "
                              "updated_at = now() WHERE enterprise_id = $1",
                              from, to)
                            .affected_rows();
  tx.exec_params0("UPDATE transitions SET enterprise_id = $2 WHERE enterprise_id = $1", from, to);
  out->set_moved_project_count(moved);
  return absl::OkStatus();
}

absl::Status ProjectStore::ListTransitions(pqxx::transaction_base& tx,
                                           const v1::ListStageTransitionsRequest& request,
                                           v1::ListStageTransitionsResponse* out) const {
  if (request.project_id() != 0) {
    absl::StatusOr<v1::Stage> stage = ProjectStage(tx, request.project_id());
    if (!stage.ok()) return stage.status();
    for (const pqxx::row& row :
         tx.exec_params(absl::StrCat("SELECT ", kTransitionColumns, kTransitionFrom,
                                     "WHERE t.project_id = $1 ORDER BY t.id"),
                        request.project_id())) {
      TransitionFromRow(row, out->add_transitions());
    }
    return absl::OkStatus();
  }
  const auto& range = request.effective_date_range();
  ZS_RETURN_IF_ERROR(ValidateDate("effective_date_range.start_date", range.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate("effective_date_range.end_date", range.end_date()));
  if (!v1::Stage_IsValid(request.to_stage())) return InvalidField("to_stage", "unknown value");
  if (!v1::StageTransition::Kind_IsValid(request.kind())) {
    return InvalidField("kind", "unknown value");
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat("SELECT ", kTransitionColumns, kTransitionFrom,
                   "WHERE t.effective_date BETWEEN $1::date AND $2::date "
                   "  AND ((($3::int IS NULL OR t.to_stage = $3) "
                   "        AND ($4::int IS NULL OR t.kind = $4) "
                   "        AND t.investment_wan_yuan >= $5) "
                   "       OR ($8 AND t.kind = 2)) "
                   "  AND ($6::bigint IS NULL OR t.id < $6) ORDER BY t.id DESC LIMIT $7"),
      range.start_date(), range.end_date(), NullIfZero(request.to_stage()),
      NullIfZero(request.kind()), request.min_investment_wan_yuan(), page->after_id,
      page->limit + 1, request.with_capital_increases());
  FillPage(rows, *page, fingerprint, out->mutable_transitions(), out->mutable_next_page_token(),
           TransitionFromRow);
  return absl::OkStatus();
}

}  // namespace zs::project

#include "services/project/project_store.h"

#include "absl/strings/str_cat.h"
#include "common/business_date.h"
#include "common/clock.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"
#include "services/project/project_rules.h"
#include "services/project/queries.h"

namespace zs::project {
namespace {

namespace common = ::zhaoshang::common::v1;

// The columns of project.get, project.lock and project.list.
void ProjectFromRow(const pqxx::row& row, v1::Project* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_name(FieldNamed(row, "name").as<std::string>());
  out->set_enterprise_id(FieldNamed(row, "enterprise_id").as<int64_t>());
  out->set_lead_id(IdOrZero(FieldNamed(row, "lead_id")));
  out->set_industry(static_cast<common::Industry>(FieldNamed(row, "industry").as<int>()));
  out->set_chain_action(
      static_cast<common::ChainAction>(FieldNamed(row, "chain_action").as<int>()));
  out->set_park_code(TextOrEmpty(FieldNamed(row, "park_code")));
  out->set_enterprise_type(
      static_cast<common::EnterpriseType>(FieldNamed(row, "enterprise_type").as<int>()));
  out->set_total_investment_wan_yuan(FieldNamed(row, "total_investment_wan_yuan").as<int64_t>());
  out->set_planned_sign_date(TextOrEmpty(FieldNamed(row, "planned_sign_date")));
  out->set_planned_start_date(TextOrEmpty(FieldNamed(row, "planned_start_date")));
  out->set_planned_completion_date(TextOrEmpty(FieldNamed(row, "planned_completion_date")));
  out->set_signed_date(TextOrEmpty(FieldNamed(row, "signed_date")));
  out->set_started_date(TextOrEmpty(FieldNamed(row, "started_date")));
  out->set_completed_date(TextOrEmpty(FieldNamed(row, "completed_date")));
  out->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
  out->set_leader_code(TextOrEmpty(FieldNamed(row, "leader_code")));
  out->set_commander_code(TextOrEmpty(FieldNamed(row, "commander_code")));
  out->set_dedicated_person(FieldNamed(row, "dedicated_person").as<std::string>());
  out->set_service_team(FieldNamed(row, "service_team").as<std::string>());
  out->set_stage(static_cast<v1::Stage>(FieldNamed(row, "stage").as<int>()));
  out->set_drop_reason(FieldNamed(row, "drop_reason").as<std::string>());
  out->set_signed_at_activity_id(IdOrZero(FieldNamed(row, "signed_at_activity_id")));
  out->set_paid_in_wan_yuan(FieldNamed(row, "paid_in_wan_yuan").as<int64_t>());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  SetTimestampMicros(FieldNamed(row, "updated_micros"), out->mutable_update_time());
  out->set_lead_conversion_pending(FieldNamed(row, "lead_conversion_pending").as<bool>());
  out->set_collected_by_code(FieldNamed(row, "collected_by").as<std::string>());
}

// The columns of transition.list and transition.list_of_project.
void TransitionFromRow(const pqxx::row& row, v1::StageTransition* out) {
  out->set_id(FieldNamed(row, "id").as<int64_t>());
  out->set_project_id(FieldNamed(row, "project_id").as<int64_t>());
  out->set_kind(static_cast<v1::StageTransition::Kind>(FieldNamed(row, "kind").as<int>()));
  out->set_from_stage(static_cast<v1::Stage>(FieldNamed(row, "from_stage").as<int>()));
  out->set_to_stage(static_cast<v1::Stage>(FieldNamed(row, "to_stage").as<int>()));
  out->set_effective_date(FieldNamed(row, "effective_date").as<std::string>());
  out->set_investment_wan_yuan(FieldNamed(row, "investment_wan_yuan").as<int64_t>());
  out->set_increment_wan_yuan(FieldNamed(row, "increment_wan_yuan").as<int64_t>());
  out->set_activity_id(IdOrZero(FieldNamed(row, "activity_id")));
  out->set_enterprise_id(IdOrZero(FieldNamed(row, "enterprise_id")));
  out->set_reason(FieldNamed(row, "reason").as<std::string>());
  out->set_actor(FieldNamed(row, "actor").as<std::string>());
  SetTimestampMicros(FieldNamed(row, "recorded_micros"), out->mutable_record_time());
  out->set_project_name(FieldNamed(row, "project_name").as<std::string>());
  out->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
}

int64_t InsertProject(pqxx::transaction_base& tx, const v1::Project& p, v1::Stage stage,
                      bool pending) {
  return Exec(tx, queries::kProjectCreate, p.name(), p.enterprise_id(), NullIfZero(p.lead_id()),
              pending, static_cast<int>(p.industry()), static_cast<int>(p.chain_action()),
              NullIfEmpty(p.park_code()), static_cast<int>(p.enterprise_type()),
              p.total_investment_wan_yuan(), NullIfEmpty(p.planned_sign_date()),
              NullIfEmpty(p.planned_start_date()), NullIfEmpty(p.planned_completion_date()),
              p.unit_code(), NullIfEmpty(p.leader_code()), NullIfEmpty(p.commander_code()),
              p.dedicated_person(), p.service_team(), static_cast<int>(stage),
              NullIfEmpty(p.collected_by_code()))[0]["id"]
      .as<int64_t>();
}

}  // namespace

void RecordTransition(pqxx::transaction_base& tx, const CallContext& call,
                      const TransitionRow& row) {
  Exec(tx, queries::kTransitionRecord, row.project_id, static_cast<int>(row.kind),
       static_cast<int>(row.from), static_cast<int>(row.to), row.effective_date, row.investment,
       row.increment, NullIfZero(row.activity_id), NullIfZero(row.enterprise_id), row.reason,
       call.principal.id);
}

absl::StatusOr<v1::Stage> ProjectStage(pqxx::transaction_base& tx, int64_t id) {
  if (id <= 0) return InvalidField("project_id", "is required");
  const pqxx::result rows = Exec(tx, queries::kProjectStage, id);
  if (rows.empty()) return NotFound("project", id);
  return static_cast<v1::Stage>(rows[0]["stage"].as<int>());
}

absl::Status ProjectStore::Create(pqxx::transaction_base& tx, const CallContext& call,
                                  const v1::Project& project, const std::string& effective_date,
                                  v1::Project* out) const {
  ZS_ASSIGN_OR_RETURN(const v1::Stage stage, FirstStage(project.stage()));
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
  const pqxx::result existing = Exec(tx, queries::kProjectOfLead, project.lead_id());
  if (!existing.empty()) return Get(tx, existing[0]["id"].as<int64_t>(), out);
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
  Exec(tx, queries::kProjectConfirmConversion, project_id);
}

std::vector<std::pair<int64_t, int64_t>> ProjectStore::PendingConversions(
    pqxx::transaction_base& tx) const {
  std::vector<std::pair<int64_t, int64_t>> pending;
  for (const pqxx::row& row : Exec(tx, queries::kProjectPendingConversions)) {
    pending.emplace_back(row["id"].as<int64_t>(), row["lead_id"].as<int64_t>());
  }
  return pending;
}

absl::Status ProjectStore::Get(pqxx::transaction_base& tx, int64_t id, v1::Project* out) const {
  if (id <= 0) return InvalidField("id", "is required");
  const pqxx::result rows = Exec(tx, queries::kProjectGet, id);
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
  ZS_RETURN_IF_ERROR(ValidateOptionalYear("continuing_in_year", request.continuing_in_year()));
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(
      tx, queries::kProjectList, NullIfZero(request.stage()), NullIfEmpty(request.unit_code()),
      NullIfEmpty(request.leader_code()), NullIfEmpty(request.park_code()),
      NullIfZero(request.industry()), page.after_id(), page.fetch_limit(),
      request.stale_ledger_days() > 0 ? std::optional(request.stale_ledger_days()) : std::nullopt,
      TodayInChinaString(),
      request.continuing_in_year() > 0 ? std::optional(request.continuing_in_year()) : std::nullopt,
      NullIfEmpty(request.collected_by_code()));
  page.Fill(rows, out->mutable_projects(), out->mutable_next_page_token(), ProjectFromRow);
  return absl::OkStatus();
}

absl::Status ProjectStore::Update(pqxx::transaction_base& tx,
                                  const v1::UpdateProjectRequest& request, v1::Project* out) const {
  const int64_t id = request.project().id();
  if (id <= 0) return InvalidField("project.id", "is required");
  const pqxx::result rows = Exec(tx, queries::kProjectLock, id);
  if (rows.empty()) return NotFound("project", id);
  v1::Project current;
  ProjectFromRow(rows[0], &current);
  ZS_RETURN_IF_ERROR(
      CheckEtag("project", id, request.project().etag(), rows[0]["version"].as<int64_t>()));
  const int64_t investment_before = current.total_investment_wan_yuan();
  ZS_RETURN_IF_ERROR(
      ApplyFieldMask(request.project(), request.update_mask(),
                     {"name", "industry", "chain_action", "park_code", "enterprise_type",
                      "total_investment_wan_yuan", "planned_sign_date", "planned_start_date",
                      "planned_completion_date", "leader_code", "commander_code",
                      "dedicated_person", "service_team"},
                     &current));
  ZS_RETURN_IF_ERROR(ValidateProject(current, directory_));
  ZS_RETURN_IF_ERROR(CheckInvestmentChange(id, current.stage(), investment_before,
                                           current.total_investment_wan_yuan()));
  Exec(tx, queries::kProjectUpdate, id, current.name(), static_cast<int>(current.industry()),
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
  const pqxx::result rows = Exec(tx, queries::kProjectLockUnit, request.project_id());
  if (rows.empty()) return NotFound("project", request.project_id());
  ZS_RETURN_IF_ERROR(CheckEtag("project", request.project_id(), request.etag(),
                               rows[0]["version"].as<int64_t>(), "etag"));
  const std::string from = rows[0]["unit_code"].as<std::string>();
  ZS_RETURN_IF_ERROR(CheckHandOver(from, request.unit_code()));
  Exec(tx, queries::kProjectHandOver, request.project_id(), request.unit_code());
  Exec(tx, queries::kProjectRecordHandover, request.project_id(), from, request.unit_code(),
       request.reason(), call.principal.id);
  return Get(tx, request.project_id(), out);
}

absl::StatusOr<ProjectState> ProjectStore::Lock(pqxx::transaction_base& tx, int64_t id,
                                                const std::string& etag) const {
  if (id <= 0) return InvalidField("project_id", "is required");
  const pqxx::result rows = Exec(tx, queries::kProjectLockForChange, id);
  if (rows.empty()) return NotFound("project", id);
  const pqxx::row& row = rows[0];
  ZS_RETURN_IF_ERROR(CheckEtag("project", id, etag, row["version"].as<int64_t>(), "etag"));
  return ProjectState{.stage = static_cast<v1::Stage>(row["stage"].as<int>()),
                      .investment_wan_yuan = row["total_investment_wan_yuan"].as<int64_t>(),
                      .last_effective_date = TextOrEmpty(row["last_effective_date"])};
}

absl::Status ProjectStore::Move(pqxx::transaction_base& tx, const CallContext& call,
                                const StageMove& move, v1::Project* out) const {
  ZS_ASSIGN_OR_RETURN(ProjectState project, Lock(tx, move.project_id, move.etag));
  if (move.to == v1::STAGE_SIGNED) {
    project.has_measure = !Exec(tx, queries::kLedgerHasMeasure, move.project_id).empty();
  }
  ZS_ASSIGN_OR_RETURN(PlannedMove plan, PlanMove(project, move, TodayInChina()));
  Exec(tx, queries::kProjectMove, move.project_id, static_cast<int>(move.to),
       plan.investment_wan_yuan, move.reason, NullIfZero(move.activity_id), plan.effective_date);
  if (plan.voids_later_rollovers) {
    Exec(tx, queries::kTransitionVoidRollovers, move.project_id, plan.effective_date);
  }
  RecordTransition(tx, call,
                   {.project_id = move.project_id,
                    .kind = v1::StageTransition::KIND_STAGE_CHANGE,
                    .from = project.stage,
                    .to = move.to,
                    .effective_date = plan.effective_date,
                    .investment = plan.investment_wan_yuan,
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
  ZS_ASSIGN_OR_RETURN(ProjectState locked, Lock(tx, request.project_id(), request.etag()));
  ZS_RETURN_IF_ERROR(CheckCapitalIncrease(request.project_id(), locked.stage));
  ZS_ASSIGN_OR_RETURN(std::string date, EffectiveDate("effective_date", request.effective_date(),
                                                      locked, TodayInChina()));
  const int64_t total = locked.investment_wan_yuan + request.increment_wan_yuan();
  Exec(tx, queries::kProjectSetInvestment, request.project_id(), total);
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_CAPITAL_INCREASE,
                    .from = locked.stage,
                    .to = locked.stage,
                    .effective_date = date,
                    .investment = total,
                    .increment = request.increment_wan_yuan()});
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::ChangeInvestor(pqxx::transaction_base& tx, const CallContext& call,
                                          const v1::ChangeInvestorRequest& request,
                                          v1::Project* out) const {
  if (request.new_enterprise_id() <= 0) return InvalidField("new_enterprise_id", "is required");
  if (request.activity_id() < 0) return InvalidField("activity_id", "must not be negative");
  ZS_ASSIGN_OR_RETURN(ProjectState locked, Lock(tx, request.project_id(), request.etag()));
  ZS_RETURN_IF_ERROR(CheckInvestorChange(request.project_id(), locked.stage));
  ZS_ASSIGN_OR_RETURN(std::string date, EffectiveDate("effective_date", request.effective_date(),
                                                      locked, TodayInChina()));
  Exec(tx, queries::kProjectChangeInvestor, request.project_id(), request.new_enterprise_id(),
       NullIfZero(request.activity_id()));
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_INVESTOR_CHANGE,
                    .from = locked.stage,
                    .to = locked.stage,
                    .effective_date = date,
                    .investment = locked.investment_wan_yuan,
                    .activity_id = request.activity_id(),
                    .enterprise_id = request.new_enterprise_id()});
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::RecordResigning(pqxx::transaction_base& tx, const CallContext& call,
                                           const v1::RecordResigningRequest& request,
                                           v1::Project* out) const {
  if (request.activity_id() <= 0) return InvalidField("activity_id", "is required");
  ZS_ASSIGN_OR_RETURN(ProjectState locked, Lock(tx, request.project_id(), request.etag()));
  ZS_RETURN_IF_ERROR(CheckResigning(request.project_id(), locked.stage));
  ZS_ASSIGN_OR_RETURN(std::string date, EffectiveDate("effective_date", request.effective_date(),
                                                      locked, TodayInChina()));
  RecordTransition(tx, call,
                   {.project_id = request.project_id(),
                    .kind = v1::StageTransition::KIND_RESIGNING,
                    .from = locked.stage,
                    .to = locked.stage,
                    .effective_date = date,
                    .investment = locked.investment_wan_yuan,
                    .activity_id = request.activity_id()});
  Exec(tx, queries::kProjectTouch, request.project_id());
  return Get(tx, request.project_id(), out);
}

absl::Status ProjectStore::RollOverYear(pqxx::transaction_base& tx, const CallContext& call,
                                        const v1::RollOverYearRequest& request,
                                        v1::RollOverYearResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", request.year()));
  // Runs for one year take turns; each marks only what no run marked.
  Exec(tx, queries::kRolloverLockYear, request.year());
  const std::string new_year = absl::StrCat(request.year() + 1, "-01-01");
  Exec(tx, queries::kRolloverCarry, new_year, call.principal.id,
       absl::StrCat("carried into ", request.year() + 1));
  const int64_t marked = Exec(tx, queries::kRolloverCount, new_year)[0]["marked"].as<int64_t>();
  Exec(tx, queries::kRolloverRecord, request.year(), marked);
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
  const int64_t moved = Exec(tx, queries::kProjectMoveToEnterprise, from, to).affected_rows();
  Exec(tx, queries::kTransitionMoveToEnterprise, from, to);
  out->set_moved_project_count(moved);
  return absl::OkStatus();
}

absl::Status ProjectStore::ListTransitions(pqxx::transaction_base& tx,
                                           const v1::ListStageTransitionsRequest& request,
                                           v1::ListStageTransitionsResponse* out) const {
  if (request.project_id() != 0) {
    // NOT_FOUND when there is no such project.
    ZS_RETURN_IF_ERROR(ProjectStage(tx, request.project_id()).status());
    for (const pqxx::row& row : Exec(tx, queries::kTransitionListOfProject, request.project_id())) {
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
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows = Exec(tx, queries::kTransitionList, range.start_date(), range.end_date(),
                                 NullIfZero(request.to_stage()), NullIfZero(request.kind()),
                                 request.min_investment_wan_yuan(), page.after_id(),
                                 page.fetch_limit(), request.with_capital_increases());
  page.Fill(rows, out->mutable_transitions(), out->mutable_next_page_token(), TransitionFromRow);
  return absl::OkStatus();
}

}  // namespace zs::project

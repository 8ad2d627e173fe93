#include "services/project/project_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/business_date.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs::project {
namespace {

namespace common = ::zhaoshang::common::v1;

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxShortTextChars = 100;
constexpr size_t kMaxLongTextChars = 4000;

absl::Status CheckCode(absl::string_view field, const std::string& code, bool required,
                       bool (Directory::*is_kind)(absl::string_view) const,
                       const Directory& directory, absl::string_view what) {
  if (code.empty()) {
    return required ? InvalidField(field, "is required") : absl::OkStatus();
  }
  if (!(directory.*is_kind)(code)) {
    return InvalidField(field, absl::StrCat("unknown ", what, " '", code, "'"));
  }
  return absl::OkStatus();
}

absl::Status OptionalDate(absl::string_view field, const std::string& date) {
  return date.empty() ? absl::OkStatus() : ValidateDate(field, date);
}

}  // namespace

absl::StatusOr<v1::Stage> FirstStage(v1::Stage asked) {
  const v1::Stage stage = asked == v1::STAGE_UNSPECIFIED ? v1::STAGE_NEGOTIATING : asked;
  if (stage != v1::STAGE_PROMOTED && stage != v1::STAGE_NEGOTIATING) {
    return InvalidField("project.stage",
                        "new projects start PROMOTED or NEGOTIATING; later stages are reached "
                        "with the transition RPCs");
  }
  return stage;
}

absl::Status CheckInvestmentChange(int64_t project_id, v1::Stage stage, int64_t before,
                                   int64_t after) {
  if (after == before || stage == v1::STAGE_PROMOTED || stage == v1::STAGE_NEGOTIATING) {
    return absl::OkStatus();
  }
  return FailedPrecondition("INVESTMENT_FIXED_AFTER_SIGNING",
                            absl::StrCat("project ", project_id, " is ", v1::Stage_Name(stage),
                                         "; its investment changes only through "
                                         "RecordCapitalIncrease"));
}

bool IsOpenStage(v1::Stage stage) {
  return stage != v1::STAGE_UNSPECIFIED && stage != v1::STAGE_COMPLETED &&
         stage != v1::STAGE_DROPPED;
}

bool IsSignedStage(v1::Stage stage) {
  return stage == v1::STAGE_SIGNED || stage == v1::STAGE_TO_START || stage == v1::STAGE_STARTED ||
         stage == v1::STAGE_CONTINUING || stage == v1::STAGE_COMPLETED;
}

std::vector<v1::Stage> AllowedSources(v1::Stage to) {
  switch (to) {
    case v1::STAGE_NEGOTIATING:
      return {v1::STAGE_PROMOTED};
    case v1::STAGE_SIGNED:
      return {v1::STAGE_NEGOTIATING};
    case v1::STAGE_TO_START:
      return {v1::STAGE_SIGNED};
    case v1::STAGE_STARTED:
      return {v1::STAGE_SIGNED, v1::STAGE_TO_START};
    case v1::STAGE_CONTINUING:
    case v1::STAGE_COMPLETED:
      return {v1::STAGE_STARTED, v1::STAGE_CONTINUING};
    case v1::STAGE_DROPPED:
      return {v1::STAGE_PROMOTED, v1::STAGE_NEGOTIATING, v1::STAGE_SIGNED,
              v1::STAGE_TO_START, v1::STAGE_STARTED,     v1::STAGE_CONTINUING};
    default:
      return {};
  }
}

absl::Status CheckTransition(int64_t project_id, v1::Stage from, v1::Stage to) {
  const std::vector<v1::Stage> sources = AllowedSources(to);
  if (std::find(sources.begin(), sources.end(), from) != sources.end()) {
    return absl::OkStatus();
  }
  std::vector<std::string> names;
  for (v1::Stage s : sources) names.push_back(v1::Stage_Name(s));
  return FailedPrecondition(
      "ILLEGAL_STAGE_TRANSITION",
      absl::StrCat("project ", project_id, " is ", v1::Stage_Name(from), "; moving to ",
                   v1::Stage_Name(to), " needs ", absl::StrJoin(names, " or ")));
}

absl::Status CheckCapitalIncrease(int64_t project_id, v1::Stage stage) {
  if (IsSignedStage(stage)) return absl::OkStatus();
  return FailedPrecondition("NOT_SIGNED",
                            absl::StrCat("project ", project_id, " is ", v1::Stage_Name(stage),
                                         "; a capital increase applies to a signed project "
                                         "(before signing, update total_investment_wan_yuan)"));
}

absl::Status CheckResigning(int64_t project_id, v1::Stage stage) {
  if (IsSignedStage(stage)) return absl::OkStatus();
  return FailedPrecondition("NOT_SIGNED",
                            absl::StrCat("project ", project_id, " is ", v1::Stage_Name(stage),
                                         "; only a signed project can be re-signed"));
}

absl::Status CheckFundsArrival(int64_t project_id, v1::Stage stage) {
  if (IsSignedStage(stage)) return absl::OkStatus();
  return FailedPrecondition("NOT_SIGNED",
                            absl::StrCat("project ", project_id, " is ", v1::Stage_Name(stage),
                                         "; funds arrive for signed projects"));
}

absl::Status CheckInvestorChange(int64_t project_id, v1::Stage stage) {
  if (IsOpenStage(stage) || stage == v1::STAGE_COMPLETED) return absl::OkStatus();
  return FailedPrecondition("PROJECT_DROPPED",
                            absl::StrCat("project ", project_id, " was dropped"));
}

absl::Status CheckHandOver(const std::string& from, const std::string& to) {
  if (from != to) return absl::OkStatus();
  return InvalidField("unit_code", "is already the project's responsible unit");
}

absl::Status CheckRequestTransition(int64_t request_id, v1::RequestState from,
                                    v1::RequestState to) {
  const bool allowed =
      to == v1::REQUEST_STATE_IN_PROGRESS
          ? from == v1::REQUEST_STATE_OPEN
          : from == v1::REQUEST_STATE_OPEN || from == v1::REQUEST_STATE_IN_PROGRESS;
  if (allowed) return absl::OkStatus();
  return FailedPrecondition(
      "ILLEGAL_REQUEST_TRANSITION",
      absl::StrCat("enterprise request ", request_id, " is ", v1::RequestState_Name(from),
                   "; it cannot become ", v1::RequestState_Name(to)));
}

absl::StatusOr<v1::Project> ProjectFromLead(const lv1::Lead& lead, const v1::Project& asked) {
  if (lead.status() != lv1::LEAD_STATUS_NEW && lead.status() != lv1::LEAD_STATUS_FOLLOWING) {
    return FailedPrecondition("LEAD_NOT_OPEN", absl::StrCat("lead ", lead.id(), " is ",
                                                            lv1::LeadStatus_Name(lead.status()),
                                                            " and cannot become a project"));
  }
  v1::Project project = asked;
  project.set_lead_id(lead.id());
  project.set_enterprise_id(lead.enterprise_id());
  if (project.name().empty()) project.set_name(lead.title());
  if (project.industry() == 0) project.set_industry(lead.industry());
  if (project.chain_action() == 0) project.set_chain_action(lead.chain_action());
  if (project.total_investment_wan_yuan() == 0) {
    project.set_total_investment_wan_yuan(lead.estimated_investment_wan_yuan());
  }
  if (project.unit_code().empty()) project.set_unit_code(lead.unit_code());
  project.set_collected_by_code(lead.unit_code().empty() ? lead.office_code() : lead.unit_code());
  if (project.unit_code().empty()) {
    return InvalidField(
        "project.unit_code",
        absl::StrCat("is required: lead ", lead.id(), " was collected by ", lead.office_code(),
                     "; name the unit responsible for the project"));
  }
  return project;
}

absl::Status ValidateProject(const v1::Project& p, const Directory& directory) {
  ZS_RETURN_IF_ERROR(ValidateRequiredText("project.name", p.name(), kMaxNameChars));
  if (p.enterprise_id() <= 0) return InvalidField("project.enterprise_id", "is required");
  if (p.lead_id() < 0) return InvalidField("project.lead_id", "must not be negative");
  if (!common::Industry_IsValid(p.industry()) || p.industry() == 0) {
    return InvalidField("project.industry", p.industry() == 0 ? "is required" : "unknown value");
  }
  if (!common::ChainAction_IsValid(p.chain_action())) {
    return InvalidField("project.chain_action", "unknown value");
  }
  if (!common::EnterpriseType_IsValid(p.enterprise_type())) {
    return InvalidField("project.enterprise_type", "unknown value");
  }
  ZS_RETURN_IF_ERROR(
      ValidateMoney("project.total_investment_wan_yuan", p.total_investment_wan_yuan()));
  ZS_RETURN_IF_ERROR(
      CheckCode("project.unit_code", p.unit_code(), true, &Directory::IsUnit, directory, "unit"));
  ZS_RETURN_IF_ERROR(
      CheckCode("project.park_code", p.park_code(), false, &Directory::IsPark, directory, "park"));
  ZS_RETURN_IF_ERROR(CheckCode("project.leader_code", p.leader_code(), false, &Directory::IsLeader,
                               directory, "leader"));
  ZS_RETURN_IF_ERROR(CheckCode("project.commander_code", p.commander_code(), false,
                               &Directory::IsLeader, directory, "leader"));
  ZS_RETURN_IF_ERROR(OptionalDate("project.planned_sign_date", p.planned_sign_date()));
  ZS_RETURN_IF_ERROR(OptionalDate("project.planned_start_date", p.planned_start_date()));
  ZS_RETURN_IF_ERROR(OptionalDate("project.planned_completion_date", p.planned_completion_date()));
  ZS_RETURN_IF_ERROR(
      ValidateOptionalText("project.dedicated_person", p.dedicated_person(), kMaxShortTextChars));
  return ValidateOptionalText("project.service_team", p.service_team(), kMaxShortTextChars);
}

absl::Status ValidateLedgerEntry(const v1::LedgerEntry& e) {
  if (e.project_id() <= 0) return InvalidField("entry.project_id", "is required");
  if (!v1::LedgerEntry::Kind_IsValid(e.kind()) || e.kind() == 0) {
    return InvalidField("entry.kind", e.kind() == 0 ? "is required" : "unknown value");
  }
  ZS_RETURN_IF_ERROR(OptionalDate("entry.entry_date", e.entry_date()));
  return ValidateRequiredText("entry.content", e.content(), kMaxLongTextChars);
}

absl::Status ValidateLedgerEntryDate(const v1::LedgerEntry& entry, absl::CivilDay today) {
  return ValidateBusinessDate("entry.entry_date", entry.entry_date(), today);
}

absl::Status ValidateFundsDate(const v1::FundsRecord& funds, absl::string_view signed_date,
                               absl::CivilDay today) {
  return ValidateBusinessDate(
      "funds.arrival_date", funds.arrival_date(), today,
      DateFloor{.date = std::string(signed_date), .what = "the project's signed_date"});
}

absl::Status ValidateEnterpriseRequest(const v1::EnterpriseRequest& r, const Directory& directory) {
  if (r.project_id() <= 0) return InvalidField("enterprise_request.project_id", "is required");
  ZS_RETURN_IF_ERROR(
      ValidateRequiredText("enterprise_request.category", r.category(), kMaxShortTextChars));
  ZS_RETURN_IF_ERROR(
      ValidateRequiredText("enterprise_request.content", r.content(), kMaxLongTextChars));
  ZS_RETURN_IF_ERROR(CheckCode("enterprise_request.unit_code", r.unit_code(), true,
                               &Directory::IsUnit, directory, "unit"));
  if (r.time_limit_working_days() <= 0 || r.time_limit_working_days() > 250) {
    return InvalidField("enterprise_request.time_limit_working_days",
                        "must be between 1 and 250 working days");
  }
  return OptionalDate("enterprise_request.raised_date", r.raised_date());
}

bool WorkingCalendar::IsWorkingDay(absl::CivilDay day) const {
  if (holidays.contains(day)) return false;
  if (working_weekends.contains(day)) return true;
  const absl::Weekday weekday = absl::GetWeekday(day);
  return weekday != absl::Weekday::saturday && weekday != absl::Weekday::sunday;
}

absl::CivilDay AddWorkingDays(absl::CivilDay start, int working_days,
                              const WorkingCalendar& calendar) {
  absl::CivilDay day = start;
  for (int counted = 0; counted < working_days;) {
    ++day;
    if (calendar.IsWorkingDay(day)) ++counted;
  }
  return day;
}

absl::StatusOr<std::string> EffectiveDate(absl::string_view field, const std::string& date,
                                          const ProjectState& project, absl::CivilDay today) {
  const std::string today_date = FormatDate(today);
  if (date.empty()) return std::max(today_date, project.last_effective_date);
  ZS_RETURN_IF_ERROR(ValidateDate(field, date));
  if (date > today_date) return InvalidField(field, "is in the future");
  if (date < project.last_effective_date) {
    return InvalidField(field, absl::StrCat("is before the project's previous change on ",
                                            project.last_effective_date));
  }
  return date;
}

absl::StatusOr<PlannedMove> PlanMove(const ProjectState& project, const StageMove& move,
                                     absl::CivilDay today) {
  ZS_RETURN_IF_ERROR(CheckTransition(move.project_id, project.stage, move.to));
  ZS_ASSIGN_OR_RETURN(std::string date,
                      EffectiveDate(move.date_field, move.effective_date, project, today));
  PlannedMove plan{
      .effective_date = date,
      .investment_wan_yuan = project.investment_wan_yuan,
      .voids_later_rollovers = move.to == v1::STAGE_COMPLETED || move.to == v1::STAGE_DROPPED};
  if (move.to == v1::STAGE_SIGNED) {
    ZS_RETURN_IF_ERROR(
        ValidateMoney("signed_investment_wan_yuan", move.signed_investment_wan_yuan));
    if (move.signed_investment_wan_yuan == 0) {
      return InvalidField("signed_investment_wan_yuan", "is required to sign");
    }
    if (!project.has_measure) {
      return FailedPrecondition("NO_MEASURES",
                                absl::StrCat("project ", move.project_id,
                                             " has no measures in its ledger; add at least one "
                                             "MEASURE entry before signing"));
    }
    if (move.activity_id < 0) return InvalidField("activity_id", "must not be negative");
    plan.investment_wan_yuan = move.signed_investment_wan_yuan;
  }
  if (move.to == v1::STAGE_DROPPED) {
    ZS_RETURN_IF_ERROR(ValidateRequiredText("reason", move.reason, kMaxLongTextChars));
  }
  return plan;
}

}  // namespace zs::project

#include "services/project/project_rules.h"

#include <gtest/gtest.h>

#include "common/validation.h"

namespace zs::project {
namespace {

absl::CivilDay Day(const char* date) { return ParseDateOrDie(date); }

TEST(WorkingDays, SkipWeekends) {
  const WorkingCalendar plain;
  // Friday + 1 working day = Monday.
  EXPECT_EQ(AddWorkingDays(Day("2026-11-20"), 1, plain), Day("2026-11-23"));
  // Saturday + 1 = Monday; Monday + 5 = next Monday.
  EXPECT_EQ(AddWorkingDays(Day("2026-11-21"), 1, plain), Day("2026-11-23"));
  EXPECT_EQ(AddWorkingDays(Day("2026-11-23"), 5, plain), Day("2026-11-30"));
}

TEST(WorkingDays, SkipHolidaysAndCountWorkingWeekends) {
  WorkingCalendar national_day;
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    national_day.holidays.insert(Day(d));
  }
  national_day.working_weekends.insert(Day("2026-09-27"));  // a Sunday worked in lieu
  national_day.working_weekends.insert(Day("2026-10-10"));  // a Saturday worked in lieu
  // Wednesday 30 Sep + 2: the holiday week is skipped → Thu 8, Fri 9 Oct.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-30"), 2, national_day), Day("2026-10-09"));
  // + 3 lands on the working Saturday.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-30"), 3, national_day), Day("2026-10-10"));
  // Friday 25 Sep + 1 is the working Sunday 27 Sep.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-25"), 1, national_day), Day("2026-09-27"));
}

TEST(StageMachine, LegalMovesAndNamedRefusals) {
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_PROMOTED, v1::STAGE_NEGOTIATING).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_TO_START, v1::STAGE_STARTED).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_CONTINUING, v1::STAGE_COMPLETED).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_CONTINUING, v1::STAGE_DROPPED).ok());
  absl::Status refused = CheckTransition(7, v1::STAGE_NEGOTIATING, v1::STAGE_STARTED);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "project 7 is STAGE_NEGOTIATING; moving to STAGE_STARTED needs STAGE_SIGNED or "
            "STAGE_TO_START");
  EXPECT_FALSE(CheckTransition(1, v1::STAGE_COMPLETED, v1::STAGE_DROPPED).ok());
  EXPECT_FALSE(CheckTransition(1, v1::STAGE_DROPPED, v1::STAGE_NEGOTIATING).ok());
}

TEST(FirstStage, PromotedOrNegotiatingOnly) {
  EXPECT_EQ(*FirstStage(v1::STAGE_UNSPECIFIED), v1::STAGE_NEGOTIATING);
  EXPECT_EQ(*FirstStage(v1::STAGE_PROMOTED), v1::STAGE_PROMOTED);
  EXPECT_EQ(*FirstStage(v1::STAGE_NEGOTIATING), v1::STAGE_NEGOTIATING);
  const absl::StatusOr<v1::Stage> signed_at_once = FirstStage(v1::STAGE_SIGNED);
  EXPECT_EQ(signed_at_once.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(signed_at_once.status().message().find("project.stage"), std::string::npos);
}

TEST(InvestmentChange, FreeBeforeSigningFixedAfter) {
  EXPECT_TRUE(CheckInvestmentChange(7, v1::STAGE_NEGOTIATING, 100, 200).ok());
  EXPECT_TRUE(CheckInvestmentChange(7, v1::STAGE_PROMOTED, 100, 200).ok());
  EXPECT_TRUE(CheckInvestmentChange(7, v1::STAGE_STARTED, 100, 100).ok());
  const absl::Status fixed = CheckInvestmentChange(7, v1::STAGE_SIGNED, 100, 200);
  EXPECT_EQ(fixed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(fixed.message().find("RecordCapitalIncrease"), std::string::npos);
}

TEST(EffectiveDate, TodayByDefaultNeverBeforeTheLastChangeNorInTheFuture) {
  const ProjectState project{.stage = v1::STAGE_NEGOTIATING, .last_effective_date = "2026-06-01"};
  EXPECT_EQ(*EffectiveDate("effective_date", "", project, Day("2026-11-30")), "2026-11-30");
  // History entered ahead of today's date keeps its order.
  EXPECT_EQ(*EffectiveDate("effective_date", "", project, Day("2026-05-01")), "2026-06-01");
  EXPECT_EQ(*EffectiveDate("effective_date", "2026-07-01", project, Day("2026-11-30")),
            "2026-07-01");
  for (const char* refused : {"2026-12-01", "2026-05-31", "2026-02-30", "tomorrow"}) {
    const absl::StatusOr<std::string> date =
        EffectiveDate("signed_date", refused, project, Day("2026-11-30"));
    EXPECT_EQ(date.status().code(), absl::StatusCode::kInvalidArgument) << refused;
    EXPECT_NE(date.status().message().find("signed_date"), std::string::npos) << refused;
  }
}

StageMove Sign(int64_t investment) {
  return StageMove{.project_id = 7,
                   .to = v1::STAGE_SIGNED,
                   .date_field = "signed_date",
                   .signed_investment_wan_yuan = investment,
                   .activity_id = 3};
}

TEST(PlanMove, SigningNeedsAnInvestmentAndAMeasure) {
  ProjectState negotiating{.stage = v1::STAGE_NEGOTIATING, .investment_wan_yuan = 500};
  EXPECT_EQ(PlanMove(negotiating, Sign(800), Day("2026-11-30")).status().code(),
            absl::StatusCode::kFailedPrecondition);  // no measure yet
  negotiating.has_measure = true;
  const absl::StatusOr<PlannedMove> plan = PlanMove(negotiating, Sign(800), Day("2026-11-30"));
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->investment_wan_yuan, 800);  // the signed figure replaces the estimate
  EXPECT_EQ(plan->effective_date, "2026-11-30");
  EXPECT_FALSE(plan->voids_later_rollovers);
  const absl::Status no_amount = PlanMove(negotiating, Sign(0), Day("2026-11-30")).status();
  EXPECT_EQ(no_amount.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(no_amount.message().find("signed_investment_wan_yuan"), std::string::npos);
  StageMove negative_activity = Sign(800);
  negative_activity.activity_id = -1;
  EXPECT_EQ(PlanMove(negotiating, negative_activity, Day("2026-11-30")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PlanMove, TheStageMachineComesFirst) {
  const ProjectState promoted{.stage = v1::STAGE_PROMOTED, .has_measure = true};
  const absl::Status skipped = PlanMove(promoted, Sign(800), Day("2026-11-30")).status();
  EXPECT_EQ(skipped.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(skipped.message().find("STAGE_PROMOTED"), std::string::npos) << skipped;
}

TEST(PlanMove, DroppingNeedsAReasonAndVoidsLaterRollovers) {
  const ProjectState started{.stage = v1::STAGE_STARTED, .investment_wan_yuan = 900};
  StageMove drop{.project_id = 7, .to = v1::STAGE_DROPPED};
  EXPECT_EQ(PlanMove(started, drop, Day("2026-11-30")).status().code(),
            absl::StatusCode::kInvalidArgument);
  drop.reason = "投资方撤资";
  const absl::StatusOr<PlannedMove> plan = PlanMove(started, drop, Day("2026-11-30"));
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(plan->voids_later_rollovers);
  EXPECT_EQ(plan->investment_wan_yuan, 900);  // kept as it was
}

lv1::Lead OpenLead() {
  lv1::Lead lead;
  lead.set_id(12);
  lead.set_title("新能源电池项目");
  lead.set_enterprise_id(34);
  lead.set_industry(zhaoshang::common::v1::INDUSTRY_MEDICAL_DEVICES);
  lead.set_estimated_investment_wan_yuan(5000);
  lead.set_unit_code("U1");
  lead.set_status(lv1::LEAD_STATUS_FOLLOWING);
  return lead;
}

TEST(ProjectFromLead, WhatTheCallerLeavesUnsetComesFromTheLead) {
  v1::Project asked;
  asked.set_total_investment_wan_yuan(8000);
  const absl::StatusOr<v1::Project> project = ProjectFromLead(OpenLead(), asked);
  ASSERT_TRUE(project.ok()) << project.status();
  EXPECT_EQ(project->lead_id(), 12);
  EXPECT_EQ(project->enterprise_id(), 34);
  EXPECT_EQ(project->name(), "新能源电池项目");
  EXPECT_EQ(project->industry(), zhaoshang::common::v1::INDUSTRY_MEDICAL_DEVICES);
  EXPECT_EQ(project->total_investment_wan_yuan(), 8000);  // the caller's, not the estimate
  EXPECT_EQ(project->unit_code(), "U1");
  EXPECT_EQ(project->collected_by_code(), "U1");
}

TEST(ProjectFromLead, AnOfficesLeadNeedsTheResponsibleUnitNamed) {
  lv1::Lead lead = OpenLead();
  lead.clear_unit_code();
  lead.set_office_code("O1");
  const absl::Status unnamed = ProjectFromLead(lead, {}).status();
  EXPECT_EQ(unnamed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(unnamed.message().find("project.unit_code"), std::string::npos) << unnamed;
  v1::Project asked;
  asked.set_unit_code("U2");
  const absl::StatusOr<v1::Project> project = ProjectFromLead(lead, asked);
  ASSERT_TRUE(project.ok()) << project.status();
  EXPECT_EQ(project->unit_code(), "U2");
  EXPECT_EQ(project->collected_by_code(), "O1");
}

TEST(ProjectFromLead, OnlyAnOpenLeadBecomesAProject) {
  lv1::Lead lead = OpenLead();
  lead.set_status(lv1::LEAD_STATUS_NEW);
  EXPECT_TRUE(ProjectFromLead(lead, {}).ok());
  for (lv1::LeadStatus closed :
       {lv1::LEAD_STATUS_DROPPED, lv1::LEAD_STATUS_MERGED, lv1::LEAD_STATUS_CONVERTED}) {
    lead.set_status(closed);
    const absl::Status refused = ProjectFromLead(lead, {}).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << closed;
    EXPECT_NE(refused.message().find("cannot become a project"), std::string::npos) << refused;
  }
}

TEST(ProjectChanges, SignedOnlyChangesNeedASignedProject) {
  for (v1::Stage signed_stage : {v1::STAGE_SIGNED, v1::STAGE_STARTED, v1::STAGE_COMPLETED}) {
    EXPECT_TRUE(CheckCapitalIncrease(3, signed_stage).ok());
    EXPECT_TRUE(CheckResigning(3, signed_stage).ok());
    EXPECT_TRUE(CheckFundsArrival(3, signed_stage).ok());
  }
  for (v1::Stage unsigned_stage : {v1::STAGE_NEGOTIATING, v1::STAGE_DROPPED}) {
    for (const absl::Status& refused :
         {CheckCapitalIncrease(3, unsigned_stage), CheckResigning(3, unsigned_stage),
          CheckFundsArrival(3, unsigned_stage)}) {
      EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition) << refused;
      EXPECT_NE(refused.message().find(v1::Stage_Name(unsigned_stage)), std::string::npos)
          << refused;
    }
  }
  EXPECT_NE(CheckCapitalIncrease(3, v1::STAGE_NEGOTIATING)
                .message()
                .find("update total_investment_wan_yuan"),
            std::string::npos);
}

TEST(ProjectChanges, ADroppedProjectKeepsItsInvestor) {
  EXPECT_TRUE(CheckInvestorChange(3, v1::STAGE_NEGOTIATING).ok());
  EXPECT_TRUE(CheckInvestorChange(3, v1::STAGE_COMPLETED).ok());
  const absl::Status dropped = CheckInvestorChange(3, v1::STAGE_DROPPED);
  EXPECT_EQ(dropped.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(dropped.message(), "project 3 was dropped");
}

TEST(ProjectChanges, AHandOverGoesToAnotherUnit) {
  EXPECT_TRUE(CheckHandOver("town-daliu", "town-wenshi").ok());
  const absl::Status same = CheckHandOver("town-daliu", "town-daliu");
  EXPECT_EQ(same.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(same.message().find("unit_code"), std::string::npos) << same;
}

TEST(ProjectChanges, EnterpriseRequestsMoveForwardOnly) {
  EXPECT_TRUE(
      CheckRequestTransition(1, v1::REQUEST_STATE_OPEN, v1::REQUEST_STATE_IN_PROGRESS).ok());
  EXPECT_FALSE(
      CheckRequestTransition(1, v1::REQUEST_STATE_IN_PROGRESS, v1::REQUEST_STATE_IN_PROGRESS).ok());
  for (v1::RequestState from : {v1::REQUEST_STATE_OPEN, v1::REQUEST_STATE_IN_PROGRESS}) {
    EXPECT_TRUE(CheckRequestTransition(1, from, v1::REQUEST_STATE_SETTLED).ok()) << from;
  }
  const absl::Status closed =
      CheckRequestTransition(1, v1::REQUEST_STATE_SETTLED, v1::REQUEST_STATE_IN_PROGRESS);
  EXPECT_EQ(closed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(closed.message().find("REQUEST_STATE_SETTLED"), std::string::npos) << closed;
}

}  // namespace
}  // namespace zs::project

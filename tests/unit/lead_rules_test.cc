#include "services/lead/lead_rules.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace zs::lead {
namespace {

namespace common = ::zhaoshang::common::v1;

v1::LeadTimeLimits CityRule() {
  v1::LeadTimeLimits limits;
  limits.set_respond_hours(24);
  limits.set_assess_hours(72);
  limits.set_referrer_feedback_hours(168);
  limits.set_progress_interval_days(14);
  return limits;
}

const v1::LeadDeadline* Find(const std::vector<v1::LeadDeadline>& deadlines,
                             v1::LeadDeadline::Kind kind) {
  for (const auto& d : deadlines) {
    if (d.kind() == kind) return &d;
  }
  return nullptr;
}

TEST(Deadlines, NewLeadIsOverdueOnlyOnceEachLimitPasses) {
  const absl::Time created = absl::FromUnixSeconds(1'780'000'000);
  LeadMilestones m{.created = created};
  auto at_day_2 = ComputeDeadlines(m, CityRule(), created + absl::Hours(30));
  EXPECT_TRUE(Find(at_day_2, v1::LeadDeadline::KIND_RESPOND)->overdue());
  EXPECT_FALSE(Find(at_day_2, v1::LeadDeadline::KIND_ASSESS)->overdue());
  EXPECT_FALSE(Find(at_day_2, v1::LeadDeadline::KIND_PROGRESS_REPORT)->overdue());
  // No referrer: no feedback deadline at all.
  EXPECT_EQ(Find(at_day_2, v1::LeadDeadline::KIND_REFERRER_FEEDBACK), nullptr);
  EXPECT_EQ(Find(at_day_2, v1::LeadDeadline::KIND_ASSESS)->due_time().seconds(),
            absl::ToUnixSeconds(created + absl::Hours(72)));
}

TEST(Deadlines, MetLimitsAreNeverOverdue) {
  const absl::Time created = absl::FromUnixSeconds(1'780'000'000);
  LeadMilestones m{.created = created,
                   .responded = created + absl::Hours(2),
                   .assessed = created + absl::Hours(100),  // late, but met
                   .has_referrer = true};
  auto deadlines = ComputeDeadlines(m, CityRule(), created + absl::Hours(200));
  EXPECT_FALSE(Find(deadlines, v1::LeadDeadline::KIND_RESPOND)->overdue());
  EXPECT_FALSE(Find(deadlines, v1::LeadDeadline::KIND_ASSESS)->overdue());
  EXPECT_TRUE(Find(deadlines, v1::LeadDeadline::KIND_ASSESS)->has_met_time());
  EXPECT_TRUE(Find(deadlines, v1::LeadDeadline::KIND_REFERRER_FEEDBACK)->overdue());
}

TEST(Deadlines, ProgressRecursFromTheLastFollowUp) {
  const absl::Time created = absl::FromUnixSeconds(1'780'000'000);
  LeadMilestones m{.created = created, .last_progress = created + absl::Hours(24 * 10)};
  auto deadlines = ComputeDeadlines(m, CityRule(), created + absl::Hours(24 * 20));
  const auto* progress = Find(deadlines, v1::LeadDeadline::KIND_PROGRESS_REPORT);
  EXPECT_FALSE(progress->overdue());
  EXPECT_EQ(progress->due_time().seconds(), absl::ToUnixSeconds(created + absl::Hours(24 * 24)));
}

TEST(Deadlines, ClosedLeadsOweNothing) {
  const absl::Time created = absl::FromUnixSeconds(1'780'000'000);
  LeadMilestones m{.created = created, .open = false};
  for (const auto& d : ComputeDeadlines(m, CityRule(), created + absl::Hours(24 * 100))) {
    EXPECT_FALSE(d.overdue()) << d.DebugString();
    EXPECT_NE(d.kind(), v1::LeadDeadline::KIND_PROGRESS_REPORT);
  }
}

v1::Lead ValidLead() {
  v1::Lead lead;
  lead.set_title("美的物流园二期");
  lead.set_enterprise_id(1);
  lead.set_channel(common::CHANNEL_SMALL_TEAM);
  lead.set_industry(common::INDUSTRY_COMMERCE_LOGISTICS);
  lead.set_estimated_investment_wan_yuan(50000);
  lead.set_office_code("office-yrd");
  lead.set_collected_date("2026-03-02");
  return lead;
}

TEST(LeadValidation, NamesTheOffendingField) {
  EXPECT_TRUE(ValidateLead(ValidLead(), Directory::Seeded()).ok());
  struct Case {
    std::function<void(v1::Lead&)> change;
    std::string field;
  } cases[] = {
      {[](v1::Lead& l) { l.clear_title(); }, "lead.title"},
      {[](v1::Lead& l) { l.set_channel(static_cast<common::Channel>(42)); }, "lead.channel"},
      {[](v1::Lead& l) { l.set_estimated_investment_wan_yuan(-5); },
       "lead.estimated_investment_wan_yuan"},
      {[](v1::Lead& l) { l.set_unit_code("town-ganhechen"); }, "lead.unit_code"},
      {[](v1::Lead& l) { l.set_office_code("office-mars"); }, "lead.office_code"},
      {[](v1::Lead& l) { l.set_collected_date("2026-13-01"); }, "lead.collected_date"},
      {[](v1::Lead& l) { l.set_channel(common::CHANNEL_BUSINESS_BRINGS_BUSINESS); },
       "lead.referrer_id"},
  };
  for (const auto& c : cases) {
    v1::Lead lead = ValidLead();
    c.change(lead);
    absl::Status status = ValidateLead(lead, Directory::Seeded());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(ErrorField(status), c.field);
  }
}

TEST(LeadStatusRules, OnlyOpenLeadsAreFollowedUpOrDropped) {
  EXPECT_TRUE(CheckOpen(5, v1::LEAD_STATUS_NEW, "dropped").ok());
  EXPECT_TRUE(CheckOpen(5, v1::LEAD_STATUS_FOLLOWING, "dropped").ok());
  const absl::Status refused = CheckOpen(5, v1::LEAD_STATUS_CONVERTED, "followed up");
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "lead 5 is LEAD_STATUS_CONVERTED; only NEW or FOLLOWING leads can be followed up");
}

TEST(LeadStatusRules, ConvertingAgainIntoTheSameProjectIsARepeat) {
  absl::StatusOr<bool> repeat = IsRepeatConversion(5, v1::LEAD_STATUS_FOLLOWING, 0, 9);
  ASSERT_TRUE(repeat.ok()) << repeat.status();
  EXPECT_FALSE(*repeat);
  repeat = IsRepeatConversion(5, v1::LEAD_STATUS_CONVERTED, 9, 9);
  ASSERT_TRUE(repeat.ok()) << repeat.status();
  EXPECT_TRUE(*repeat);
  const absl::Status other = IsRepeatConversion(5, v1::LEAD_STATUS_CONVERTED, 8, 9).status();
  EXPECT_EQ(other.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(other.message().find("already converted into project 8"), std::string::npos) << other;
  EXPECT_EQ(IsRepeatConversion(5, v1::LEAD_STATUS_DROPPED, 0, 9).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(LeadStatusRules, AMergedLeadIsChangedThroughItsSurvivor) {
  v1::Lead lead;
  lead.set_id(5);
  lead.set_status(v1::LEAD_STATUS_FOLLOWING);
  EXPECT_TRUE(CheckNotMerged(lead).ok());
  lead.set_status(v1::LEAD_STATUS_MERGED);
  lead.set_merged_into_id(3);
  const absl::Status refused = CheckNotMerged(lead);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(), "lead 5 was merged into lead 3; update that one");
}

TEST(LeadStatusRules, AnotherUnitsOpenLeadIsNotNamed) {
  const OpenLead open{.id = 7, .title = "医疗器械产业园扩建", .owner_code = "town-daliu"};
  Principal own{.kind = PrincipalKind::kUnitStaff, .unit_code = "town-daliu"};
  Principal other{.kind = PrincipalKind::kUnitStaff, .unit_code = "town-wenshi"};
  Principal bureau{.kind = PrincipalKind::kBureauStaff};
  for (const Principal& viewer : {own, bureau}) {
    const absl::Status named = LeadAlreadyOpen(4, open, viewer);
    EXPECT_EQ(named.code(), absl::StatusCode::kAlreadyExists);
    EXPECT_NE(named.message().find("open lead 7 (医疗器械产业园扩建)"), std::string::npos) << named;
  }
  const absl::Status unnamed = LeadAlreadyOpen(4, open, other);
  EXPECT_EQ(unnamed.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(unnamed.message().find("7"), std::string::npos) << unnamed;
  EXPECT_NE(unnamed.message().find("another unit or office"), std::string::npos) << unnamed;
}

TEST(LeadStatusRules, ADropIsDatedFromTheLastChangeToToday) {
  const absl::CivilDay today(2026, 11, 30);
  EXPECT_TRUE(ValidateDroppedDate("", "2026-11-01", "", today).ok());
  EXPECT_TRUE(ValidateDroppedDate("2026-11-01", "2026-11-01", "", today).ok());
  EXPECT_TRUE(ValidateDroppedDate("2026-11-30", "2026-11-01", "2026-11-20", today).ok());
  for (const auto& [date, why] :
       {std::pair{"2026-10-31", "collected_date"}, std::pair{"2026-12-01", "in the future"}}) {
    const absl::Status refused = ValidateDroppedDate(date, "2026-11-01", "", today);
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << date;
    EXPECT_NE(refused.message().find(why), std::string::npos) << refused;
  }
  const absl::Status before_change =
      ValidateDroppedDate("2026-11-10", "2026-11-01", "2026-11-20", today);
  EXPECT_EQ(before_change.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(before_change.message().find("previous status change"), std::string::npos)
      << before_change;
}

TEST(MergeRules, ThePairAndWhatMayTakePart) {
  EXPECT_TRUE(ValidateMergePair(1, 2, "同一企业").ok());
  EXPECT_NE(ValidateMergePair(1, 1, "").message().find("duplicate_id"), std::string::npos);
  EXPECT_NE(ValidateMergePair(0, 1, "").message().find("survivor_id"), std::string::npos);
  EXPECT_TRUE(CheckEnterpriseMergeable(1, 0).ok());
  EXPECT_EQ(CheckEnterpriseMergeable(1, 3).message(), "enterprise 1 was already merged into 3");
  EXPECT_TRUE(CheckOpenLeadsMergeable({}).ok());
  EXPECT_TRUE(CheckOpenLeadsMergeable({4}).ok());
  const absl::Status both = CheckOpenLeadsMergeable({4, 6});
  EXPECT_EQ(both.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(both.message().find("(4 and 6)"), std::string::npos) << both;
  // A converted lead survives a merge but is never the duplicate.
  EXPECT_TRUE(CheckLeadMergeable(1, v1::LEAD_STATUS_CONVERTED, false).ok());
  EXPECT_NE(CheckLeadMergeable(2, v1::LEAD_STATUS_CONVERTED, true).message().find("other way"),
            std::string::npos);
  for (v1::LeadStatus closed : {v1::LEAD_STATUS_MERGED, v1::LEAD_STATUS_DROPPED}) {
    EXPECT_EQ(CheckLeadMergeable(1, closed, false).code(), absl::StatusCode::kFailedPrecondition);
  }
  v1::Enterprise enterprise;
  enterprise.set_id(1);
  EXPECT_TRUE(CheckEnterpriseNotMerged(enterprise).ok());
  enterprise.set_merged_into_id(3);
  EXPECT_EQ(CheckEnterpriseNotMerged(enterprise).message(),
            "enterprise 1 was merged into 3; update that one");
}

}  // namespace
}  // namespace zs::lead

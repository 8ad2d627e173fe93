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

}  // namespace
}  // namespace zs::lead

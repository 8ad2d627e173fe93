#include "services/supervision/supervision_rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace zs::supervision {
namespace {

cv1::DateRange Range(const char* from, const char* to) {
  cv1::DateRange range;
  range.set_start_date(from);
  range.set_end_date(to);
  return range;
}

TEST(ProRating, WholeMonthsTakeTheirShareAndRoundUp) {
  EXPECT_EQ(ProRatedTarget(48, Range("2026-01-01", "2026-06-30")), 24);  // a half
  EXPECT_EQ(ProRatedTarget(10, Range("2026-01-01", "2026-03-31")), 3);   // 2.5 → 3
  EXPECT_EQ(ProRatedTarget(12, Range("2026-03-01", "2026-03-31")), 1);   // a month
  EXPECT_EQ(ProRatedTarget(6, Range("2026-03-01", "2026-03-31")), 1);    // 0.5 → 1
  EXPECT_EQ(ProRatedTarget(0, Range("2026-01-01", "2026-12-31")), 0);
  EXPECT_EQ(ProRatedTarget(100000, Range("2026-01-01", "2026-12-31")), 100000);
}

TEST(ProRating, OtherSpansGoByDays) {
  // A week of a 365-day year: 52 × 7 / 365 = 0.997 → 1.
  EXPECT_EQ(ProRatedTarget(52, Range("2026-11-16", "2026-11-22")), 1);
  EXPECT_EQ(ProRatedTarget(365, Range("2026-11-16", "2026-11-22")), 7);
  EXPECT_EQ(ProRatedTarget(366, Range("2028-02-01", "2028-02-10")), 10);  // leap year
}

TEST(Scoring, BandsFromThePublishedTable) {
  const v1::ScoringRules rules = DefaultScoringRules(2026);
  EXPECT_EQ(BandPoints(1.2, rules), 100);
  EXPECT_EQ(BandPoints(1.0, rules), 100);
  EXPECT_EQ(BandPoints(0.85, rules), 75);
  EXPECT_EQ(BandPoints(0.5, rules), 50);
  EXPECT_EQ(BandPoints(0.49, rules), 0);
}

v1::UnitProgress Unit(const std::string& code, std::vector<std::pair<int64_t, int64_t>> metrics,
                      double penalty = 0) {
  v1::UnitProgress unit;
  unit.set_unit_code(code);
  int metric = 1;
  for (auto [target, actual] : metrics) {
    auto* m = unit.add_metrics();
    m->set_metric(static_cast<v1::Metric>(metric++));
    m->set_target(target);
    m->set_actual(actual);
  }
  unit.set_penalty_points(penalty);
  return unit;
}

TEST(Scoring, WeightedMeanMinusPenaltiesAndDeterministicTies) {
  std::vector<v1::UnitProgress> units = {
      Unit("town-b", {{10, 10}, {10, 4}}),      // 100, 0 → 50
      Unit("town-a", {{10, 10}, {10, 4}}),      // the same: tie
      Unit("park-c", {{10, 9}, {10, 6}}),       // 75, 50 → 62.5
      Unit("dept-d", {{10, 20}, {0, 5}}, 1.0),  // 100 (only one target) − 1 → 99
      Unit("office-e", {{10, 5}, {10, 5}}),     // 50, 50 → 50, completion 1.0 < 1.4
  };
  ScoreAndRank(DefaultScoringRules(2026), &units);
  std::vector<std::string> order;
  for (const auto& u : units) order.push_back(u.unit_code());
  EXPECT_EQ(order, (std::vector<std::string>{"dept-d", "park-c", "town-a", "town-b", "office-e"}));
  EXPECT_EQ(units[0].score(), 99);
  EXPECT_EQ(units[1].score(), 62.5);
  EXPECT_EQ(units[2].rank(), 3);
  EXPECT_EQ(units[3].rank(), 4);  // same score as town-a: the code decides
}

TEST(Scoring, WeightsAreData) {
  v1::ScoringRules rules = DefaultScoringRules(2026);
  (*rules.mutable_metric_weights())[2] = 3.0;  // visits count three times
  std::vector<v1::UnitProgress> units = {Unit("u", {{10, 10}, {10, 0}})};
  ScoreAndRank(rules, &units);
  EXPECT_EQ(units[0].score(), 25);  // (100 × 1 + 0 × 3) / 4
}

TEST(Scoring, NumbersInTheRulesAreFiniteAndBounded) {
  for (double bad : {std::numeric_limits<double>::infinity(), std::nan(""), 1e6, -1.0}) {
    v1::ScoringRules rules = DefaultScoringRules(2026);
    (*rules.mutable_metric_weights())[2] = bad;
    EXPECT_FALSE(ValidateScoringRules(rules).ok()) << "weight " << bad;
    rules = DefaultScoringRules(2026);
    rules.mutable_deductions(0)->set_points(bad);
    EXPECT_FALSE(ValidateScoringRules(rules).ok()) << "deduction " << bad;
  }
  EXPECT_TRUE(ValidateScoringRules(DefaultScoringRules(2026)).ok());
}

// Rules stored before weights had to be finite can still make a score NaN:
// the order stays total (NaN last, then by completion and code), the same
// for any input order.
TEST(Scoring, TheRankingIsATotalOrderEvenWithScoresThatAreNotNumbers) {
  v1::ScoringRules rules = DefaultScoringRules(2026);
  (*rules.mutable_metric_weights())[1] = std::numeric_limits<double>::infinity();
  std::vector<std::string> first;
  for (int rotation = 0; rotation < 4; ++rotation) {
    std::vector<v1::UnitProgress> units = {
        Unit("town-b", {{10, 10}, {10, 4}}), Unit("town-a", {{10, 10}, {10, 4}}),
        Unit("park-c", {{0, 9}, {10, 6}}),  // no trip target: a finite score
        Unit("dept-d", {{10, 20}, {0, 5}})};
    std::rotate(units.begin(), units.begin() + rotation, units.end());
    ScoreAndRank(rules, &units);
    std::vector<std::string> order;
    for (const auto& u : units) order.push_back(u.unit_code());
    EXPECT_EQ(order.front(), "park-c");
    if (rotation == 0) first = order;
    EXPECT_EQ(order, first) << "rotation " << rotation;
  }
  EXPECT_EQ(first, (std::vector<std::string>{"park-c", "town-a", "town-b", "dept-d"}));
}

TEST(SupervisionPeriods, AWeekIsMondayToSundayWithinItsYear) {
  absl::StatusOr<cv1::DateRange> week = SummaryWeek("2026-11-16");
  ASSERT_TRUE(week.ok()) << week.status();
  EXPECT_EQ(week->start_date(), "2026-11-16");
  EXPECT_EQ(week->end_date(), "2026-11-22");
  // Monday 28 Dec 2026: the week is cut at 31 December (targets are yearly).
  week = SummaryWeek("2026-12-28");
  ASSERT_TRUE(week.ok()) << week.status();
  EXPECT_EQ(week->end_date(), "2026-12-31");
}

TEST(SupervisionPeriods, AWeekStartsOnAMondayThatIsADay) {
  for (const char* bad : {"2026-11-17", "2026-11-22", "2026-02-30", "16/11/2026", ""}) {
    absl::StatusOr<cv1::DateRange> week = SummaryWeek(bad);
    ASSERT_EQ(week.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(week.status().message().find("week_start_date"), std::string::npos) << bad;
  }
}

TEST(SupervisionPeriods, AMonthIsItsFirstToItsLastDay) {
  absl::StatusOr<cv1::DateRange> month = RankingMonth("2028-02");
  ASSERT_TRUE(month.ok()) << month.status();
  EXPECT_EQ(month->start_date(), "2028-02-01");
  EXPECT_EQ(month->end_date(), "2028-02-29");  // a leap year
  month = RankingMonth("2026-12");
  ASSERT_TRUE(month.ok()) << month.status();
  EXPECT_EQ(month->end_date(), "2026-12-31");
  for (const char* bad : {"2026-13", "2026", "2026-1", ""}) {
    month = RankingMonth(bad);
    ASSERT_EQ(month.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(month.status().message().find("month"), std::string::npos) << bad;
  }
}

TEST(SupervisionPeriods, PublishedOnlyOnceEnded) {
  const cv1::DateRange november = Range("2026-11-01", "2026-11-30");
  EXPECT_TRUE(CheckPeriodEnded(november, "2026-12-01").ok());
  for (const char* today : {"2026-11-30", "2026-11-15"}) {
    const absl::Status status = CheckPeriodEnded(november, today);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << today;
    EXPECT_NE(status.message().find("has not ended"), std::string::npos) << status;
  }
}

TEST(BulletinStaleDays, StaleMeansThirtyDaysUnlessAsked) {
  EXPECT_EQ(*StaleLedgerDays(0), 30);
  EXPECT_EQ(*StaleLedgerDays(7), 7);
  EXPECT_EQ(*StaleLedgerDays(36500), 36500);
  for (int bad : {-1, 36501}) {
    absl::StatusOr<int> days = StaleLedgerDays(bad);
    ASSERT_EQ(days.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(days.status().message().find("stale_ledger_days"), std::string::npos);
  }
}

TEST(Tasks, OnlyAnOpenTaskIsCompleted) {
  EXPECT_TRUE(CheckTaskOpen(4, v1::TASK_STATE_OPEN).ok());
  const absl::Status done = CheckTaskOpen(4, v1::TASK_STATE_DONE);
  EXPECT_EQ(done.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(done.message(), "task 4 is TASK_STATE_DONE");
}

TEST(Sanctions, APenaltyWithoutPointsCostsWhatTheTableSays) {
  v1::ScoringRules rules = DefaultScoringRules(2026);
  v1::Sanction penalty;
  penalty.set_kind(v1::Sanction::KIND_PENALTY);
  penalty.set_reason(rules.deductions(0).reason());
  EXPECT_EQ(*PointsOfSanction(penalty, rules), rules.deductions(0).points());
  penalty.set_points(3);  // given: kept
  EXPECT_EQ(*PointsOfSanction(penalty, rules), 3);
  v1::Sanction reward;
  reward.set_kind(v1::Sanction::KIND_REWARD);
  reward.set_reason(rules.deductions(0).reason());
  EXPECT_EQ(*PointsOfSanction(reward, rules), 0);  // a reward is never a deduction
  penalty.set_reason("not in the table");
  penalty.set_points(0);
  EXPECT_EQ(*PointsOfSanction(penalty, rules), 0);
  for (double bad : {-1.0, 100.5, std::numeric_limits<double>::quiet_NaN()}) {
    penalty.set_points(bad);
    const absl::Status refused = PointsOfSanction(penalty, rules).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(refused.message().find("sanction.points"), std::string::npos) << refused;
  }
}

}  // namespace
}  // namespace zs::supervision

#include "services/supervision/supervision_rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs::supervision {
namespace {

double CappedCompletionSum(const v1::UnitProgress& unit) {
  double sum = 0;
  for (const auto& metric : unit.metrics()) sum += std::min(1.0, metric.completion());
  return sum;
}

}  // namespace

absl::Status ValidateProgressPeriod(const cv1::DateRange& period) {
  ZS_RETURN_IF_ERROR(ValidateDate("period.start_date", period.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate("period.end_date", period.end_date()));
  if (period.end_date() < period.start_date()) {
    return InvalidField("period.end_date", "is before start_date");
  }
  if (period.start_date().substr(0, 4) != period.end_date().substr(0, 4)) {
    return InvalidField("period.end_date",
                        "progress is measured within one year (targets are yearly)");
  }
  return absl::OkStatus();
}

absl::StatusOr<cv1::DateRange> SummaryWeek(const std::string& week_start_date) {
  ZS_RETURN_IF_ERROR(ValidateDate("week_start_date", week_start_date));
  const absl::CivilDay monday = ParseDateOrDie(week_start_date);
  if (absl::GetWeekday(monday) != absl::Weekday::monday) {
    return InvalidField("week_start_date", "must be a Monday");
  }
  cv1::DateRange range;
  range.set_start_date(FormatDate(monday));
  range.set_end_date(FormatDate(monday + 6));
  if (range.start_date().substr(0, 4) != range.end_date().substr(0, 4)) {
    range.set_end_date(absl::StrCat(range.start_date().substr(0, 4), "-12-31"));
  }
  return range;
}

absl::StatusOr<cv1::DateRange> RankingMonth(const std::string& month) {
  const std::string first_day = absl::StrCat(month, "-01");
  ZS_RETURN_IF_ERROR(ValidateDate("month", first_day));
  const absl::CivilDay first = ParseDateOrDie(first_day);
  cv1::DateRange range;
  range.set_start_date(FormatDate(first));
  range.set_end_date(FormatDate(absl::CivilDay(absl::CivilMonth(first) + 1) - 1));
  return range;
}

absl::Status CheckPeriodEnded(const cv1::DateRange& period, const std::string& today) {
  if (period.end_date() < today) return absl::OkStatus();
  return FailedPrecondition(
      "PERIOD_NOT_ENDED",
      absl::StrCat("the period ", period.start_date(), " to ", period.end_date(),
                   " has not ended; publish it once it has"));
}

absl::StatusOr<int> StaleLedgerDays(int asked) {
  if (asked < 0 || asked > 36500) {
    return InvalidField("stale_ledger_days", "must be between 0 and 36500");
  }
  return asked == 0 ? 30 : asked;
}

absl::Status CheckTaskOpen(int64_t task_id, v1::TaskState state) {
  if (state == v1::TASK_STATE_OPEN) return absl::OkStatus();
  return FailedPrecondition("TASK_NOT_OPEN",
                            absl::StrCat("task ", task_id, " is ", v1::TaskState_Name(state)));
}

absl::StatusOr<double> PointsOfSanction(const v1::Sanction& sanction,
                                        const v1::ScoringRules& rules) {
  double points = sanction.points();
  if (points == 0 && sanction.kind() == v1::Sanction::KIND_PENALTY) {
    for (const auto& deduction : rules.deductions()) {
      if (deduction.reason() == sanction.reason()) points = deduction.points();
    }
  }
  if (!(points >= 0 && points <= 100)) {  // NaN fails too
    return InvalidField("sanction.points", "must be between 0 and 100");
  }
  return points;
}

int64_t ProRatedTarget(int64_t yearly, const cv1::DateRange& period) {
  const absl::CivilDay start = ParseDateOrDie(period.start_date());
  const absl::CivilDay end = ParseDateOrDie(period.end_date());
  const bool whole_months = start.day() == 1 && (end + 1).day() == 1;
  if (whole_months) {
    const int64_t months = end.month() - start.month() + 1;
    return (yearly * months + 11) / 12;
  }
  const absl::CivilDay year_start(start.year(), 1, 1);
  const int64_t days_in_year = absl::CivilDay(start.year() + 1, 1, 1) - year_start;
  const int64_t days = end - start + 1;
  return (yearly * days + days_in_year - 1) / days_in_year;
}

v1::ScoringRules DefaultScoringRules(int year) {
  v1::ScoringRules rules;
  rules.set_year(year);
  for (auto [min, points] : {std::pair{1.0, 100.0}, {0.8, 75.0}, {0.5, 50.0}}) {
    auto* band = rules.add_bands();
    band->set_min_completion(min);
    band->set_points(points);
  }
  for (auto [reason, points] :
       {std::pair{"MISSED_MONTHLY_REPORT", 1.0}, {"NO_WORK_PLAN", 5.0}, {"OVERDUE_TASK", 2.0}}) {
    auto* deduction = rules.add_deductions();
    deduction->set_reason(reason);
    deduction->set_points(points);
  }
  return rules;
}

absl::Status ValidateScoringRules(const v1::ScoringRules& rules) {
  ZS_RETURN_IF_ERROR(ValidateYear("rules.year", rules.year()));
  if (rules.bands().empty()) return InvalidField("rules.bands", "needs at least one band");
  for (const auto& band : rules.bands()) {
    if (!(band.min_completion() >= 0 && band.min_completion() <= 10) ||
        !(band.points() >= 0 && band.points() <= 1000)) {
      return InvalidField("rules.bands", "completion must be 0..10 and points 0..1000");
    }
  }
  for (const auto& deduction : rules.deductions()) {
    if (deduction.reason().empty() || !(deduction.points() >= 0 && deduction.points() <= 1000)) {
      return InvalidField("rules.deductions", "each needs a reason and points 0..1000");
    }
  }
  for (const auto& [metric, weight] : rules.metric_weights()) {
    if (!v1::Metric_IsValid(metric) || metric == 0 || !(weight >= 0 && weight <= 1000)) {
      return InvalidField("rules.metric_weights", "weights are per known metric and 0..1000");
    }
  }
  return absl::OkStatus();
}

double BandPoints(double completion, const v1::ScoringRules& rules) {
  double best = 0;
  for (const auto& band : rules.bands()) {
    if (completion >= band.min_completion()) best = std::max(best, band.points());
  }
  return best;
}

void ScoreAndRank(const v1::ScoringRules& rules, std::vector<v1::UnitProgress>* units) {
  for (v1::UnitProgress& unit : *units) {
    double weighted = 0, weights = 0;
    for (v1::MetricProgress& metric : *unit.mutable_metrics()) {
      if (metric.target() <= 0) {
        metric.set_completion(0);
        continue;
      }
      metric.set_completion(static_cast<double>(metric.actual()) /
                            static_cast<double>(metric.target()));
      auto it = rules.metric_weights().find(metric.metric());
      const double weight = it == rules.metric_weights().end() ? 1.0 : it->second;
      weighted += weight * BandPoints(metric.completion(), rules);
      weights += weight;
    }
    const double base = weights > 0 ? weighted / weights : 0;
    unit.set_score(std::round((base - unit.penalty_points() + unit.reward_points()) * 100) / 100);
  }
  // A total order whatever the numbers: a score that is not a number (from
  // rules stored before weights had to be finite) ranks last instead of
  // making the order arbitrary.
  auto descending = [](double x) {
    return std::isnan(x) ? std::make_pair(1, 0.0) : std::make_pair(0, -x);
  };
  std::sort(units->begin(), units->end(), [&](const auto& a, const auto& b) {
    const auto sa = descending(a.score()), sb = descending(b.score());
    if (sa != sb) return sa < sb;
    const auto ca = descending(CappedCompletionSum(a)), cb = descending(CappedCompletionSum(b));
    if (ca != cb) return ca < cb;
    return a.unit_code() < b.unit_code();
  });
  for (size_t i = 0; i < units->size(); ++i) (*units)[i].set_rank(static_cast<int>(i) + 1);
}

}  // namespace zs::supervision

// Supervision's rules as plain functions: the periods summaries and
// rankings cover, pro-rating yearly targets to a period, the default
// assessment table, and scoring and ranking units.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;
namespace cv1 = ::zhaoshang::common::v1;

// Progress is measured within one calendar year (targets are yearly).
absl::Status ValidateProgressPeriod(const cv1::DateRange& period);

// The week a weekly summary covers: Monday `week_start_date` (YYYY-MM-DD)
// to the Sunday after, cut at 31 December when the week runs into the next
// year. INVALID_ARGUMENT naming week_start_date when it is not a day or not
// a Monday.
absl::StatusOr<cv1::DateRange> SummaryWeek(const std::string& week_start_date);

// The calendar month `month` (YYYY-MM) a monthly ranking covers, first day
// to last; INVALID_ARGUMENT naming month when it is not one.
absl::StatusOr<cv1::DateRange> RankingMonth(const std::string& month);

// A summary or ranking is published once its period has ended:
// FAILED_PRECONDITION PERIOD_NOT_ENDED until `today` (YYYY-MM-DD, China
// Standard Time) is after the period's end_date.
absl::Status CheckPeriodEnded(const cv1::DateRange& period, const std::string& today);

// How many days without a ledger entry make a project stale in a bulletin:
// `asked`, 30 when it is 0; INVALID_ARGUMENT naming stale_ledger_days
// outside 0–36500.
absl::StatusOr<int> StaleLedgerDays(int asked);

// Only an open supervision task is completed: FAILED_PRECONDITION
// TASK_NOT_OPEN naming its state.
absl::Status CheckTaskOpen(int64_t task_id, v1::TaskState state);

// The points a sanction carries: its own, or for a penalty given none
// those of the deduction for its reason in the year's `rules` (a missed
// monthly report costs what the table says). INVALID_ARGUMENT naming
// sanction.points outside 0–100.
absl::StatusOr<double> PointsOfSanction(const v1::Sanction& sanction,
                                        const v1::ScoringRules& rules);

// A yearly target pro-rated to a period of that year, rounded up:
// whole calendar months get months/12 of it (a quarter a quarter, a half a
// half); any other span (a week) gets days/days-in-year.
int64_t ProRatedTarget(int64_t yearly, const cv1::DateRange& period);

// The published assessment table: ≥ 100% of the task full marks (100),
// ≥ 80% 75, ≥ 50% 50, below nothing; a missed monthly statistics report
// costs 1 point, no work plan 5, a supervision task not done by its
// deadline 2; every metric weighs the same.
v1::ScoringRules DefaultScoringRules(int year);
absl::Status ValidateScoringRules(const v1::ScoringRules& rules);

// The points of the highest band `completion` reaches.
double BandPoints(double completion, const v1::ScoringRules& rules);

// Fills completion, score and rank (1 = best) of every unit: score is the
// weighted mean band points of the metrics with a target, minus penalties,
// plus rewards; ties fall to summed capped completion, then unit code.
void ScoreAndRank(const v1::ScoringRules& rules, std::vector<v1::UnitProgress>* units);

}  // namespace zs::supervision

// The periods people name on the command line — `--month 2026-11`,
// `--week 2026-11-23` (the Monday–Sunday week holding that day),
// `--quarter 2026-Q4` — as the inclusive date range the contracts take.
// Dates are China Standard Time, the district's calendar.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs::client {

struct PeriodFlags {
  // Each empty when not given; "" with `*_given` means "the current one".
  std::string month, week, quarter;
  bool month_given = false, week_given = false, quarter_given = false;
  bool any() const { return month_given || week_given || quarter_given; }
};

// INVALID_ARGUMENT naming the flag for a malformed value or for two flags
// at once. With none given: the month holding `today`.
absl::StatusOr<zhaoshang::common::v1::DateRange> PeriodFromFlags(const PeriodFlags& flags,
                                                                 absl::CivilDay today);

}  // namespace zs::client

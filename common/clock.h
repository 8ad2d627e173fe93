// Business dates are China Standard Time (UTC+8, no daylight saving), the
// district's calendar, whatever zone the server runs in.
#pragma once

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace zs {

absl::TimeZone ChinaTimeZone();
absl::CivilDay TodayInChina(absl::Time now = absl::Now());
std::string TodayInChinaString(absl::Time now = absl::Now());

}  // namespace zs

#include "common/clock.h"

#include "common/validation.h"

namespace zs {

absl::TimeZone ChinaTimeZone() { return absl::FixedTimeZone(8 * 60 * 60); }

absl::CivilDay TodayInChina(absl::Time now) { return absl::ToCivilDay(now, ChinaTimeZone()); }

std::string TodayInChinaString(absl::Time now) { return FormatDate(TodayInChina(now)); }

}  // namespace zs

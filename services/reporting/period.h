// Reporting periods: validation, the periods a report is compared with, how
// a period is named in a bulletin, and whether it is closed.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs::reporting {

namespace cv1 = ::zhaoshang::common::v1;

absl::Status ValidatePeriod(const cv1::DateRange& period);

// The period of the same length that ends the day before `period` starts.
cv1::DateRange PreviousPeriod(const cv1::DateRange& period);
// The same dates one year earlier (29 February becomes 28 February).
cv1::DateRange SamePeriodLastYear(const cv1::DateRange& period);

// A period that has begun holds its first day by `today` (China's). One
// that has not has no figures yet: not even the continuing projects, which
// belong to its year's first day.
bool HasBegun(const cv1::DateRange& period, absl::CivilDay today);

// A closed period ended before `today`; its figures change only through
// late entries.
bool IsClosed(const cv1::DateRange& period, absl::CivilDay today);

// "2026年上半年", "2026年第三季度", "2026年5月", "2026年", or
// "2026年3月5日至2026年4月2日"; and "the first half of 2026" … in English.
std::string PeriodNameZh(const cv1::DateRange& period);
std::string PeriodNameEn(const cv1::DateRange& period);

}  // namespace zs::reporting

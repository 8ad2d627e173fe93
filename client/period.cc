#include "client/period.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace zs::client {
namespace {

using zhaoshang::common::v1::DateRange;

std::string Text(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

DateRange Range(absl::CivilDay first, absl::CivilDay last) {
  DateRange range;
  range.set_start_date(Text(first));
  range.set_end_date(Text(last));
  return range;
}

DateRange Month(absl::CivilMonth month) {
  return Range(absl::CivilDay(month), absl::CivilDay(month + 1) - 1);
}

}  // namespace

absl::StatusOr<DateRange> PeriodFromFlags(const PeriodFlags& flags, absl::CivilDay today) {
  if (flags.month_given + flags.week_given + flags.quarter_given > 1) {
    return absl::InvalidArgumentError("give one of --month, --week and --quarter");
  }
  if (flags.week_given) {
    absl::CivilDay day = today;
    if (!flags.week.empty() && !absl::ParseCivilTime(flags.week, &day)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--week: a day of the week as YYYY-MM-DD (got \"", flags.week, "\")"));
    }
    // Weeks run Monday to Sunday, as the weekly summaries do.
    const int since_monday =
        (static_cast<int>(absl::GetWeekday(day)) + 7 - static_cast<int>(absl::Weekday::monday)) % 7;
    return Range(day - since_monday, day - since_monday + 6);
  }
  if (flags.quarter_given) {
    int year = static_cast<int>(today.year());
    int quarter = (today.month() - 1) / 3 + 1;
    if (!flags.quarter.empty()) {
      const std::string& q = flags.quarter;
      if (q.size() != 7 || q[4] != '-' || (q[5] != 'Q' && q[5] != 'q') ||
          !absl::SimpleAtoi(q.substr(0, 4), &year) || q[6] < '1' || q[6] > '4') {
        return absl::InvalidArgumentError(
            absl::StrCat("--quarter: YYYY-Qn, e.g. 2026-Q4 (got \"", q, "\")"));
      }
      quarter = q[6] - '0';
    }
    const absl::CivilMonth first(year, (quarter - 1) * 3 + 1);
    return Range(absl::CivilDay(first), absl::CivilDay(first + 3) - 1);
  }
  absl::CivilMonth month(today);
  if (flags.month_given && !flags.month.empty() && !absl::ParseCivilTime(flags.month, &month)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--month: YYYY-MM, e.g. 2026-11 (got \"", flags.month, "\")"));
  }
  return Month(month);
}

}  // namespace zs::client

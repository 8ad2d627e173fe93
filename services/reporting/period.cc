#include "services/reporting/period.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs::reporting {
namespace {

absl::CivilDay Start(const cv1::DateRange& p) { return ParseDateOrDie(p.start_date()); }
absl::CivilDay End(const cv1::DateRange& p) { return ParseDateOrDie(p.end_date()); }

cv1::DateRange Range(absl::CivilDay start, absl::CivilDay end) {
  cv1::DateRange range;
  range.set_start_date(FormatDate(start));
  range.set_end_date(FormatDate(end));
  return range;
}

absl::CivilDay LastDayOfMonth(absl::CivilYear year, int month) {
  return absl::CivilDay(absl::CivilMonth(year.year(), month) + 1) - 1;
}

absl::CivilDay OneYearEarlier(absl::CivilDay day) {
  absl::CivilDay earlier(day.year() - 1, day.month(), day.day());
  // absl normalises 2025-02-29 to 2025-03-01; the bureau means 28 February.
  if (earlier.month() != day.month()) earlier = absl::CivilDay(day.year() - 1, day.month(), 28);
  return earlier;
}

// What kind of calendar span the period is, if it is a whole one.
enum class Span { kYear, kFirstHalf, kSecondHalf, kQuarter, kMonth, kCustom };

Span SpanOf(const cv1::DateRange& p, int* quarter) {
  const absl::CivilDay start = Start(p), end = End(p);
  if (start.year() != end.year() || start.day() != 1) return Span::kCustom;
  if (end != LastDayOfMonth(absl::CivilYear(end.year()), end.month())) return Span::kCustom;
  const int months = end.month() - start.month() + 1;
  if (months == 12) return Span::kYear;
  if (months == 6 && start.month() == 1) return Span::kFirstHalf;
  if (months == 6 && start.month() == 7) return Span::kSecondHalf;
  if (months == 3 && (start.month() - 1) % 3 == 0) {
    *quarter = (start.month() - 1) / 3 + 1;
    return Span::kQuarter;
  }
  if (months == 1) return Span::kMonth;
  return Span::kCustom;
}

}  // namespace

absl::Status ValidatePeriod(const cv1::DateRange& period) {
  ZS_RETURN_IF_ERROR(ValidateDate("period.start_date", period.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate("period.end_date", period.end_date()));
  if (period.end_date() < period.start_date()) {
    return InvalidField("period.end_date", "is before start_date");
  }
  if (End(period) - Start(period) > 3660) {
    return InvalidField("period.end_date", "the period is longer than ten years");
  }
  return absl::OkStatus();
}

cv1::DateRange PreviousPeriod(const cv1::DateRange& period) {
  int quarter = 0;
  const absl::CivilDay start = Start(period), end = End(period);
  switch (SpanOf(period, &quarter)) {
    case Span::kYear:
    case Span::kFirstHalf:
    case Span::kSecondHalf:
    case Span::kQuarter:
    case Span::kMonth: {
      // Whole calendar spans compare with the previous whole span.
      const int months = end.month() - start.month() + 1;
      const absl::CivilMonth first = absl::CivilMonth(start) - months;
      return Range(absl::CivilDay(first), absl::CivilDay(absl::CivilMonth(start)) - 1);
    }
    case Span::kCustom:
      break;
  }
  const auto length = end - start + 1;
  return Range(start - length, start - 1);
}

cv1::DateRange SamePeriodLastYear(const cv1::DateRange& period) {
  return Range(OneYearEarlier(Start(period)), OneYearEarlier(End(period)));
}

bool HasBegun(const cv1::DateRange& period, absl::CivilDay today) {
  return ParseDateOrDie(period.start_date()) <= today;
}

bool IsClosed(const cv1::DateRange& period, absl::CivilDay today) { return End(period) < today; }

std::string PeriodNameZh(const cv1::DateRange& period) {
  static constexpr std::array<const char*, 5> kQuarters = {"", "一", "二", "三", "四"};
  int quarter = 0;
  const absl::CivilDay start = Start(period), end = End(period);
  switch (SpanOf(period, &quarter)) {
    case Span::kYear:
      return absl::StrCat(start.year(), "年");
    case Span::kFirstHalf:
      return absl::StrCat(start.year(), "年上半年");
    case Span::kSecondHalf:
      return absl::StrCat(start.year(), "年下半年");
    case Span::kQuarter:
      return absl::StrCat(start.year(), "年第", kQuarters[quarter], "季度");
    case Span::kMonth:
      return absl::StrCat(start.year(), "年", start.month(), "月");
    case Span::kCustom:
      break;
  }
  return absl::StrFormat("%d年%d月%d日至%d年%d月%d日", start.year(), start.month(), start.day(),
                         end.year(), end.month(), end.day());
}

std::string PeriodNameEn(const cv1::DateRange& period) {
  static constexpr std::array<const char*, 13> kMonths = {
      "",     "January", "February",  "March",   "April",    "May",     "June",
      "July", "August",  "September", "October", "November", "December"};
  static constexpr std::array<const char*, 5> kOrdinals = {"", "first", "second", "third",
                                                           "fourth"};
  int quarter = 0;
  const absl::CivilDay start = Start(period), end = End(period);
  switch (SpanOf(period, &quarter)) {
    case Span::kYear:
      return absl::StrCat(start.year());
    case Span::kFirstHalf:
      return absl::StrCat("the first half of ", start.year());
    case Span::kSecondHalf:
      return absl::StrCat("the second half of ", start.year());
    case Span::kQuarter:
      return absl::StrCat("the ", kOrdinals[quarter], " quarter of ", start.year());
    case Span::kMonth:
      return absl::StrCat(kMonths[start.month()], " ", start.year());
    case Span::kCustom:
      break;
  }
  return absl::StrFormat("%d %s %d to %d %s %d", start.day(), kMonths[start.month()], start.year(),
                         end.day(), kMonths[end.month()], end.year());
}

}  // namespace zs::reporting

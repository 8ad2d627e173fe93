#include <gtest/gtest.h>

#include "services/reporting/bulletin.h"
#include "services/reporting/period.h"

namespace zs::reporting {
namespace {

cv1::DateRange Range(const char* from, const char* to) {
  cv1::DateRange range;
  range.set_start_date(from);
  range.set_end_date(to);
  return range;
}

TEST(Money, YiAndBillionAreExact) {
  EXPECT_EQ(WanYuanAsYi(420'000), "42");
  EXPECT_EQ(WanYuanAsYi(384'200), "38.42");
  EXPECT_EQ(WanYuanAsYi(5), "0.0005");
  EXPECT_EQ(WanYuanAsYi(0), "0");
  EXPECT_EQ(WanYuanAsBillion(420'000), "4.2");
  EXPECT_EQ(WanYuanAsBillion(960'000), "9.6");
  EXPECT_EQ(WanYuanAsBillion(3'650), "0.0365");
}

TEST(Periods, NamesInChineseAndEnglish) {
  EXPECT_EQ(PeriodNameZh(Range("2026-01-01", "2026-06-30")), "2026年上半年");
  EXPECT_EQ(PeriodNameZh(Range("2026-07-01", "2026-09-30")), "2026年第三季度");
  EXPECT_EQ(PeriodNameZh(Range("2026-05-01", "2026-05-31")), "2026年5月");
  EXPECT_EQ(PeriodNameZh(Range("2026-01-01", "2026-12-31")), "2026年");
  EXPECT_EQ(PeriodNameZh(Range("2026-03-05", "2026-04-02")), "2026年3月5日至2026年4月2日");
  EXPECT_EQ(PeriodNameEn(Range("2026-01-01", "2026-06-30")), "the first half of 2026");
  EXPECT_EQ(PeriodNameEn(Range("2026-10-01", "2026-12-31")), "the fourth quarter of 2026");
  EXPECT_EQ(PeriodNameEn(Range("2026-02-01", "2026-02-28")), "February 2026");
}

TEST(Periods, ComparisonsAreTheSpanBeforeAndTheYearBefore) {
  auto previous = PreviousPeriod(Range("2026-01-01", "2026-06-30"));
  EXPECT_EQ(previous.start_date(), "2025-07-01");
  EXPECT_EQ(previous.end_date(), "2025-12-31");
  previous = PreviousPeriod(Range("2026-03-01", "2026-03-31"));
  EXPECT_EQ(previous.start_date(), "2026-02-01");
  EXPECT_EQ(previous.end_date(), "2026-02-28");
  previous = PreviousPeriod(Range("2026-03-05", "2026-03-14"));  // 10 days
  EXPECT_EQ(previous.start_date(), "2026-02-23");
  EXPECT_EQ(previous.end_date(), "2026-03-04");
  const auto last_year = SamePeriodLastYear(Range("2024-02-01", "2024-02-29"));
  EXPECT_EQ(last_year.start_date(), "2023-02-01");
  EXPECT_EQ(last_year.end_date(), "2023-02-28");
}

}  // namespace
}  // namespace zs::reporting

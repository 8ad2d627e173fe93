#include "services/project/project_rules.h"

#include <gtest/gtest.h>

#include "common/validation.h"

namespace zs::project {
namespace {

absl::CivilDay Day(const char* date) { return ParseDateOrDie(date); }

TEST(WorkingDays, SkipWeekends) {
  const WorkingCalendar plain;
  // Friday + 1 working day = Monday.
  EXPECT_EQ(AddWorkingDays(Day("2026-11-20"), 1, plain), Day("2026-11-23"));
  // Saturday + 1 = Monday; Monday + 5 = next Monday.
  EXPECT_EQ(AddWorkingDays(Day("2026-11-21"), 1, plain), Day("2026-11-23"));
  EXPECT_EQ(AddWorkingDays(Day("2026-11-23"), 5, plain), Day("2026-11-30"));
}

TEST(WorkingDays, SkipHolidaysAndCountWorkingWeekends) {
  WorkingCalendar national_day;
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    national_day.holidays.insert(Day(d));
  }
  national_day.working_weekends.insert(Day("2026-09-27"));  // a Sunday worked in lieu
  national_day.working_weekends.insert(Day("2026-10-10"));  // a Saturday worked in lieu
  // Wednesday 30 Sep + 2: the holiday week is skipped → Thu 8, Fri 9 Oct.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-30"), 2, national_day), Day("2026-10-09"));
  // + 3 lands on the working Saturday.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-30"), 3, national_day), Day("2026-10-10"));
  // Friday 25 Sep + 1 is the working Sunday 27 Sep.
  EXPECT_EQ(AddWorkingDays(Day("2026-09-25"), 1, national_day), Day("2026-09-27"));
}

TEST(StageMachine, LegalMovesAndNamedRefusals) {
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_PROMOTED, v1::STAGE_NEGOTIATING).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_TO_START, v1::STAGE_STARTED).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_CONTINUING, v1::STAGE_COMPLETED).ok());
  EXPECT_TRUE(CheckTransition(1, v1::STAGE_CONTINUING, v1::STAGE_DROPPED).ok());
  absl::Status refused = CheckTransition(7, v1::STAGE_NEGOTIATING, v1::STAGE_STARTED);
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(refused.message(),
            "project 7 is STAGE_NEGOTIATING; moving to STAGE_STARTED needs STAGE_SIGNED or "
            "STAGE_TO_START");
  EXPECT_FALSE(CheckTransition(1, v1::STAGE_COMPLETED, v1::STAGE_DROPPED).ok());
  EXPECT_FALSE(CheckTransition(1, v1::STAGE_DROPPED, v1::STAGE_NEGOTIATING).ok());
}

}  // namespace
}  // namespace zs::project

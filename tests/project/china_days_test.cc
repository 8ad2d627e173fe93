// Days are China's days (#17.6): the date-dependent queries give the same
// answer whatever zone the database runs in. Each case makes the database's
// default zone UTC or one behind UTC; the records sit near the edges of
// China's days, so a query counting days in the session's zone is a day
// off at any hour it runs (a UTC session between 00:00 and 08:00 in China,
// a Los Angeles one between 00:00 and 16:00, and any zone for a timestamp
// cast to a date).
#include <gtest/gtest.h>

#include <set>

#include "common/clock.h"
#include "common/validation.h"
#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

class ChinaDaysTest : public ::testing::TestWithParam<const char*> {};

std::string ChinaMoment(int days_ago, const char* time) {
  return absl::StrCat("(timestamp '", FormatDate(TodayInChina() - days_ago), " ", time,
                      "' AT TIME ZONE 'Asia/Shanghai')");
}

TEST_P(ChinaDaysTest, TheStaleLedgerListCountsChinasDays) {
  ProjectServer server;
  server.database().QueryValue(absl::StrCat(
      "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), '",
      GetParam(), "'); END $$"));
  ProjectDriver driver(server);
  const int64_t fresh = driver.Create().id();   // created 00:30 three days ago
  const int64_t late = driver.Create().id();    // created 23:30 four days ago
  const int64_t midday = driver.Create().id();  // created 12:00 four days ago
  for (const auto& [id, moment] :
       {std::pair{fresh, ChinaMoment(3, "00:30")}, std::pair{late, ChinaMoment(4, "23:30")},
        std::pair{midday, ChinaMoment(4, "12:00")}}) {
    server.database().QueryValue(
        absl::StrCat("UPDATE projects SET created_at = ", moment, " WHERE id = ", id));
  }
  pv1::ListProjectsRequest request;
  request.set_stale_ledger_days(3);
  pv1::ListProjectsResponse response;
  ASSERT_TRUE(server.stub().ListProjects(StaffContext().get(), request, &response).ok());
  std::set<int64_t> stale;
  for (const auto& project : response.projects()) stale.insert(project.id());
  EXPECT_EQ(stale, (std::set<int64_t>{late, midday})) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(DatabaseZones, ChinaDaysTest,
                         ::testing::Values("UTC", "America/Los_Angeles", "Etc/GMT+12"));

}  // namespace
}  // namespace zs::testing

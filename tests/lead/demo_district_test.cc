// The run command's demo district, loaded through real channels, gives the
// report's first-half figures, and loading it twice changes nothing.
#include "tools/demo/demo_district.h"

#include <gtest/gtest.h>

#include "tests/lead/lead_test_util.h"
#include "tests/support/project_server.h"
#include "tools/demo/demo_projects.h"

namespace zs::testing {
namespace {

namespace pv1 = ::zhaoshang::project::v1;

cv1::DateRange Range(const std::string& from, const std::string& to) {
  cv1::DateRange range;
  range.set_start_date(from);
  range.set_end_date(to);
  return range;
}

std::map<std::string, int64_t> ActivityCounts(lv1::LeadService::Stub& stub,
                                              const cv1::DateRange& period) {
  lv1::AggregateActivitiesRequest request;
  *request.mutable_start_date_range() = period;
  request.set_group_by(cv1::GROUP_BY_ACTIVITY_KIND);
  lv1::AggregateActivitiesResponse response;
  EXPECT_TRUE(stub.AggregateActivities(StaffContext().get(), request, &response).ok());
  std::map<std::string, int64_t> counts;
  for (const auto& row : response.rows()) counts[row.key()] = row.count();
  return counts;
}

int64_t LeadCount(lv1::LeadService::Stub& stub, const cv1::DateRange& period) {
  lv1::AggregateLeadsRequest request;
  *request.mutable_collected_date_range() = period;
  lv1::AggregateLeadsResponse response;
  EXPECT_TRUE(stub.AggregateLeads(StaffContext().get(), request, &response).ok());
  return response.rows(0).count();
}

// Rows "all", "ge_1yi", "ge_10yi" as (count, 万元).
std::vector<std::pair<int64_t, int64_t>> Bands(pv1::ProjectService::Stub& stub, pv1::Stage stage,
                                               const cv1::DateRange& period) {
  pv1::AggregateTransitionsRequest request;
  *request.mutable_effective_date_range() = period;
  request.set_to_stage(stage);
  request.set_group_by(cv1::GROUP_BY_INVESTMENT_BAND);
  pv1::AggregateTransitionsResponse response;
  EXPECT_TRUE(stub.AggregateTransitions(StaffContext().get(), request, &response).ok());
  std::vector<std::pair<int64_t, int64_t>> rows;
  for (const auto& row : response.rows()) rows.emplace_back(row.count(), row.investment_wan_yuan());
  return rows;
}

TEST(DemoDistrict, FirstHalfReproducesTheReportedFigures) {
  ProjectServer server;
  auto context = [] { return AdminContext("demo-loader"); };
  auto load = [&] {
    absl::StatusOr<demo::LoadedDistrict> district =
        demo::LoadDemoDistrict(server.lead().stub(), context);
    ASSERT_TRUE(district.ok()) << district.status();
    absl::Status projects = demo::LoadDemoProjects(server.stub(), *district, context);
    ASSERT_TRUE(projects.ok()) << projects;
  };
  load();

  const cv1::DateRange h1 = Range("2026-01-01", "2026-06-30");
  auto activities = ActivityCounts(server.lead().stub(), h1);
  EXPECT_EQ(activities["ACTIVITY_KIND_OUTBOUND_TRIP"], 48);
  EXPECT_EQ(activities["ACTIVITY_KIND_MERCHANT_VISIT"], 66);
  EXPECT_EQ(LeadCount(server.lead().stub(), h1), 46);

  const auto signed_h1 = Bands(server.stub(), pv1::STAGE_SIGNED, h1);
  EXPECT_EQ(signed_h1[0], std::make_pair(int64_t{12}, int64_t{420'000}));  // 12 个, 42亿
  const auto started_h1 = Bands(server.stub(), pv1::STAGE_STARTED, h1);
  EXPECT_EQ(started_h1[0], std::make_pair(int64_t{73}, int64_t{960'000}));  // 73 个, 96亿
  EXPECT_EQ(started_h1[1].first, 26);                                       // ≥ 1亿
  EXPECT_EQ(started_h1[2].first, 3);                                        // ≥ 10亿
  pv1::AggregateContinuingRequest continuing_request;
  continuing_request.set_year(2026);
  pv1::AggregateContinuingResponse continuing;
  ASSERT_TRUE(server.stub()
                  .AggregateContinuing(StaffContext().get(), continuing_request, &continuing)
                  .ok());
  EXPECT_EQ(continuing.rows(0).count(), 59);
  EXPECT_EQ(continuing.rows(0).investment_wan_yuan(), 850'000);  // 85亿

  // The second half has its own events, and they stay out of H1: two new
  // signings plus a capital increase (money only) and a re-signing (nothing).
  const cv1::DateRange h2 = Range("2026-07-01", "2026-12-31");
  EXPECT_GT(LeadCount(server.lead().stub(), h2), 0);
  EXPECT_EQ(Bands(server.stub(), pv1::STAGE_SIGNED, h2)[0],
            std::make_pair(int64_t{2}, int64_t{55'000 + 18'000 + 20'000}));
  EXPECT_EQ(Bands(server.stub(), pv1::STAGE_STARTED, h2)[0].first, 1);

  // Loading again (a second `./zs run`) creates nothing new.
  auto counts = [&] {
    return server.lead().database().QueryValue(
               "SELECT (SELECT count(*) FROM enterprises) || '/' || (SELECT count(*) FROM "
               "activities) || '/' || (SELECT count(*) FROM leads)") +
           "/" +
           server.database().QueryValue(
               "SELECT (SELECT count(*) FROM projects) || '/' || (SELECT count(*) FROM "
               "transitions)");
  };
  const std::string before = counts();
  load();
  EXPECT_EQ(counts(), before);
}

}  // namespace
}  // namespace zs::testing

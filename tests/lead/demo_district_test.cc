// The run command's demo district, loaded through a real channel, gives the
// report's first-half figures, and loading it twice changes nothing.
#include "tools/demo/demo_district.h"

#include <gtest/gtest.h>

#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

std::map<std::string, int64_t> ActivityCounts(lv1::LeadService::Stub& stub, const std::string& from,
                                              const std::string& to) {
  lv1::AggregateActivitiesRequest request;
  request.mutable_start_date_range()->set_start_date(from);
  request.mutable_start_date_range()->set_end_date(to);
  request.set_group_by(cv1::GROUP_BY_ACTIVITY_KIND);
  lv1::AggregateActivitiesResponse response;
  EXPECT_TRUE(stub.AggregateActivities(StaffContext().get(), request, &response).ok());
  std::map<std::string, int64_t> counts;
  for (const auto& row : response.rows()) counts[row.key()] = row.count();
  return counts;
}

int64_t LeadCount(lv1::LeadService::Stub& stub, const std::string& from, const std::string& to) {
  lv1::AggregateLeadsRequest request;
  request.mutable_collected_date_range()->set_start_date(from);
  request.mutable_collected_date_range()->set_end_date(to);
  lv1::AggregateLeadsResponse response;
  EXPECT_TRUE(stub.AggregateLeads(StaffContext().get(), request, &response).ok());
  return response.rows(0).count();
}

TEST(DemoDistrict, FirstHalfReproducesTheReportedFigures) {
  LeadServer server;
  auto context = [] { return StaffContext("demo-loader"); };
  ASSERT_TRUE(demo::LoadDemoDistrict(server.stub(), context).ok());

  auto h1 = ActivityCounts(server.stub(), "2026-01-01", "2026-06-30");
  EXPECT_EQ(h1["ACTIVITY_KIND_OUTBOUND_TRIP"], 48);
  EXPECT_EQ(h1["ACTIVITY_KIND_MERCHANT_VISIT"], 66);
  EXPECT_EQ(LeadCount(server.stub(), "2026-01-01", "2026-06-30"), 46);
  // The second half has records too, and they stay out of H1.
  EXPECT_GT(LeadCount(server.stub(), "2026-07-01", "2026-12-31"), 0);

  // Loading again (a second `./zs run`) creates nothing new.
  auto counts = [&] {
    return server.database().QueryValue(
        "SELECT (SELECT count(*) FROM enterprises) || '/' || (SELECT count(*) FROM activities) "
        "|| '/' || (SELECT count(*) FROM leads)");
  };
  const std::string before = counts();
  EXPECT_EQ(before, "71/129/55");
  ASSERT_TRUE(demo::LoadDemoDistrict(server.stub(), context).ok());
  EXPECT_EQ(counts(), before);
}

}  // namespace
}  // namespace zs::testing

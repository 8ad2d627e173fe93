// Continuing projects follow the history (#17.5): whether a project is
// continuing (续建) in a year follows from its recorded dates — started
// before the year, neither completed nor dropped before it — whenever they
// were entered, before or after a rollover ran.
#include <gtest/gtest.h>

#include <set>

#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

class ContinuingTest : public ::testing::Test {
 protected:
  // A project signed early in 2025 and started on `start`.
  int64_t Started(const std::string& start, int64_t investment = 20000) {
    const pv1::Project p = driver_.Signed(investment, "2025-01-10");
    EXPECT_TRUE(driver_.Start(p.id(), start).ok());
    return p.id();
  }
  int64_t RollOver(int year, const std::string& request_id) {
    pv1::RollOverYearRequest request;
    request.set_request_id(request_id);
    request.set_year(year);
    pv1::RollOverYearResponse response;
    EXPECT_TRUE(server_.stub().RollOverYear(AdminContext().get(), request, &response).ok());
    return response.marked_continuing();
  }
  // The projects AggregateContinuing counts in `year` and their investment,
  // checked against the list behind the figure.
  std::pair<int64_t, int64_t> Continuing(int year) {
    pv1::AggregateContinuingRequest request;
    request.set_year(year);
    pv1::AggregateContinuingResponse response;
    EXPECT_TRUE(server_.stub().AggregateContinuing(StaffContext().get(), request, &response).ok());
    pv1::ListProjectsRequest list;
    list.set_continuing_in_year(year);
    pv1::ListProjectsResponse listed;
    EXPECT_TRUE(server_.stub().ListProjects(StaffContext().get(), list, &listed).ok());
    const int64_t count = response.rows_size() == 0 ? 0 : response.rows(0).count();
    EXPECT_EQ(listed.projects_size(), count);
    return {count, response.rows_size() == 0 ? 0 : response.rows(0).investment_wan_yuan()};
  }
  pv1::Stage Stage(int64_t id) {
    pv1::GetProjectRequest get;
    get.set_id(id);
    pv1::Project project;
    EXPECT_TRUE(server_.stub().GetProject(StaffContext().get(), get, &project).ok());
    return project.stage();
  }

  ProjectServer server_;
  ProjectDriver driver_{server_};
};

TEST_F(ContinuingTest, AStartEnteredAfterTheRolloverStillMakesTheProjectContinuing) {
  Started("2025-03-01", 20000);
  EXPECT_EQ(RollOver(2025, "first-run"), 1);
  // Keyed in later: it was under construction on 1 January 2026 too.
  const int64_t late = Started("2025-06-01", 30000);
  EXPECT_EQ(Continuing(2026), std::make_pair(int64_t{2}, int64_t{50000}));
  EXPECT_EQ(Stage(late), pv1::STAGE_STARTED);
  // The rollover runs again and marks only what it had not.
  EXPECT_EQ(RollOver(2025, "second-run"), 2);
  EXPECT_EQ(Stage(late), pv1::STAGE_CONTINUING);
  EXPECT_EQ(RollOver(2025, "third-run"), 2);
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM transitions WHERE kind = 5"), "2");
  EXPECT_EQ(Continuing(2026), std::make_pair(int64_t{2}, int64_t{50000}));
}

TEST_F(ContinuingTest, AStartEnteredBeforeTheRolloverIsCarriedByIt) {
  const int64_t id = Started("2025-11-30");
  EXPECT_EQ(RollOver(2025, "run"), 1);
  EXPECT_EQ(Stage(id), pv1::STAGE_CONTINUING);
  EXPECT_EQ(Continuing(2026).first, 1);
  // Started in 2026: not continuing in 2026.
  Started("2026-01-01");
  EXPECT_EQ(Continuing(2026).first, 1);
  EXPECT_EQ(Continuing(2025).first, 0);
}

TEST_F(ContinuingTest, ACompletionBeforeTheYearEndsItsRunEvenWhenEnteredAfterTheRollover) {
  const int64_t id = Started("2025-03-01");
  EXPECT_EQ(RollOver(2025, "run"), 1);
  // Completed on 20 December 2025, entered afterwards.
  ASSERT_TRUE(driver_.Complete(id, "2025-12-20").ok());
  EXPECT_EQ(Continuing(2026).first, 0);
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM transitions WHERE kind = 5"), "0");
}

TEST_F(ContinuingTest, ACompletionAfterTheYearBeganKeepsItContinuingThatYearOnly) {
  const int64_t id = Started("2025-03-01");
  ASSERT_TRUE(driver_.Complete(id, "2026-02-01").ok());
  EXPECT_EQ(Continuing(2026).first, 1);
  EXPECT_EQ(Continuing(2027).first, 0);
  // Completed projects are not marked by a rollover, but are counted.
  EXPECT_EQ(RollOver(2025, "run"), 0);
  EXPECT_EQ(Stage(id), pv1::STAGE_COMPLETED);
}

TEST_F(ContinuingTest, ADropBeforeTheYearEndsItsRunAndOneAfterDoesNot) {
  const int64_t before = Started("2025-03-01");
  const int64_t after = Started("2025-04-01");
  EXPECT_EQ(RollOver(2025, "run"), 2);
  ASSERT_TRUE(driver_.Drop(before, "2025-12-31").ok());
  ASSERT_TRUE(driver_.Drop(after, "2026-01-01").ok());
  EXPECT_EQ(Continuing(2026).first, 1);
  pv1::ListProjectsRequest list;
  list.set_continuing_in_year(2026);
  pv1::ListProjectsResponse listed;
  ASSERT_TRUE(server_.stub().ListProjects(StaffContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.projects_size(), 1);
  EXPECT_EQ(listed.projects(0).id(), after);
}

TEST_F(ContinuingTest, TheInvestmentIsAsItStoodWhenTheYearBegan) {
  const int64_t id = Started("2025-03-01", 20000);
  pv1::RecordCapitalIncreaseRequest increase;
  increase.set_request_id("increase");
  increase.set_project_id(id);
  increase.set_etag(driver_.Etag(id));
  increase.set_increment_wan_yuan(5000);
  increase.set_effective_date("2026-03-01");
  pv1::Project project;
  ASSERT_TRUE(server_.stub().RecordCapitalIncrease(StaffContext().get(), increase, &project).ok());
  EXPECT_EQ(Continuing(2026).second, 20000);
  EXPECT_EQ(Continuing(2027).second, 25000);
}

TEST_F(ContinuingTest, ABadYearIsRefusedByName) {
  pv1::ListProjectsRequest list;
  list.set_continuing_in_year(1999);
  pv1::ListProjectsResponse listed;
  const grpc::Status status = server_.stub().ListProjects(StaffContext().get(), list, &listed);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "continuing_in_year");
}

}  // namespace
}  // namespace zs::testing

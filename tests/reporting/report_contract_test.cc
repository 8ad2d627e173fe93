// Each figure means one thing (#16.13): on the demo district's year, every
// breakdown of every figure adds up to it (investment bands nest and are
// checked as bands), no row is keyed by an enum's UNSPECIFIED name, and the
// records ListFigureRecords lists behind a figure add up to its count and
// money, each listed once.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/reporting_server.h"
#include "tools/demo/demo_district.h"
#include "tools/demo/demo_projects.h"

namespace zs::testing {
namespace {

namespace pv1 = ::zhaoshang::project::v1;
namespace rv1 = ::zhaoshang::reporting::v1;

class ReportContractTest : public ::testing::Test {
 protected:
  ReportContractTest() {
    auto context = [] { return AdminContext("demo-loader"); };
    absl::StatusOr<demo::LoadedDistrict> district =
        demo::LoadDemoDistrict(server_.projects().lead().stub(), context);
    EXPECT_TRUE(district.ok()) << district.status();
    if (!district.ok()) return;
    const absl::Status projects =
        demo::LoadDemoProjects(server_.projects().stub(), *district, context);
    EXPECT_TRUE(projects.ok()) << projects;
    period_.set_start_date("2026-01-01");
    period_.set_end_date("2026-12-31");
  }

  // One signed project of the demo paid twice more, in two months: a
  // project with several payments, which the funds figure counts as payments.
  void PayTwice() {
    pv1::ListProjectsRequest list;
    list.set_stage(pv1::STAGE_STARTED);
    list.set_page_size(1);
    pv1::ListProjectsResponse listed;
    ASSERT_TRUE(server_.projects().stub().ListProjects(StaffContext().get(), list, &listed).ok());
    ASSERT_EQ(listed.projects_size(), 1);
    for (const char* date : {"2026-10-20", "2026-11-10"}) {
      pv1::RecordFundsRequest funds;
      funds.set_request_id(absl::StrCat("extra-funds-", date));
      funds.mutable_funds()->set_project_id(listed.projects(0).id());
      funds.mutable_funds()->set_arrival_date(date);
      funds.mutable_funds()->set_amount_wan_yuan(700);
      pv1::FundsRecord recorded;
      ASSERT_TRUE(
          server_.projects().stub().RecordFunds(StaffContext().get(), funds, &recorded).ok());
    }
  }

  ReportingServer server_;
  cv1::DateRange period_;
};

TEST_F(ReportContractTest, BreakdownsAndRecordsAddUpToEveryFigure) {
  PayTwice();
  rv1::GetPeriodReportRequest request;
  *request.mutable_period() = period_;
  for (int g = cv1::GroupBy_MIN; g <= cv1::GroupBy_MAX; ++g) {
    if (g != cv1::GROUP_BY_UNSPECIFIED && cv1::GroupBy_IsValid(g))
      request.add_breakdowns(static_cast<cv1::GroupBy>(g));
  }
  rv1::PeriodReport report;
  ASSERT_TRUE(server_.stub().GetPeriodReport(AdminContext().get(), request, &report).ok());
  ASSERT_EQ(report.figures_size(), 9);

  int breakdowns_checked = 0;
  for (const rv1::FigureValue& figure : report.figures()) {
    const std::string name = rv1::Figure_Name(figure.figure());
    EXPECT_GT(figure.count(), 0) << name << ": the demo year has some of each";
    for (const rv1::Breakdown& breakdown : report.breakdowns()) {
      if (breakdown.figure() != figure.figure()) continue;
      const std::string by = cv1::GroupBy_Name(breakdown.group_by());
      int64_t count = 0, money = 0;
      for (const auto& row : breakdown.rows()) {
        EXPECT_FALSE(absl::EndsWith(row.key(), "_UNSPECIFIED")) << name << " by " << by;
        if (breakdown.group_by() == cv1::GROUP_BY_INVESTMENT_BAND && row.key() != "all") continue;
        count += row.count();
        money += row.investment_wan_yuan();
      }
      EXPECT_EQ(count, figure.count()) << name << " by " << by;
      EXPECT_EQ(money, figure.investment_wan_yuan()) << name << " by " << by;
      ++breakdowns_checked;
    }

    int64_t counted = 0, money = 0;
    std::set<std::pair<std::string, int64_t>> seen;
    rv1::ListFigureRecordsRequest list;
    *list.mutable_period() = period_;
    list.set_figure(figure.figure());
    list.set_page_size(500);
    do {
      rv1::ListFigureRecordsResponse page;
      ASSERT_TRUE(server_.stub().ListFigureRecords(AdminContext().get(), list, &page).ok()) << name;
      for (const rv1::FigureRecord& record : page.records()) {
        EXPECT_TRUE(seen.emplace(record.kind(), record.id()).second)
            << name << ": " << record.kind() << " " << record.id() << " listed twice";
        counted += record.counted() ? 1 : 0;
        money += record.investment_wan_yuan();
      }
      list.set_page_token(page.next_page_token());
    } while (!list.page_token().empty());
    EXPECT_EQ(counted, figure.count()) << name << ": records counted";
    EXPECT_EQ(money, figure.investment_wan_yuan()) << name << ": records' money";
  }
  EXPECT_GT(breakdowns_checked, 40);
}

}  // namespace
}  // namespace zs::testing

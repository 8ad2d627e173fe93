// The reporting service over real channels, composing the lead and project
// services loaded with the run command's demo district.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "common/clock.h"
#include "common/validation.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/reporting_server.h"
#include "tools/demo/demo_district.h"
#include "tools/demo/demo_projects.h"

namespace zs::testing {
namespace {

namespace rv1 = ::zhaoshang::reporting::v1;

class ReportingTest : public ::testing::Test {
 protected:
  static inline bool loaded_ = false;
  static void SetUpTestSuite() {
    server_ = new ReportingServer();
    auto context = [] { return AdminContext("demo-loader"); };
    absl::StatusOr<demo::LoadedDistrict> district =
        demo::LoadDemoDistrict(server_->projects().lead().stub(), context);
    ASSERT_TRUE(district.ok()) << district.status();
    ASSERT_TRUE(demo::LoadDemoProjects(server_->projects().stub(), *district, context).ok());
    loaded_ = true;
  }
  static void TearDownTestSuite() { delete server_; }
  // gtest reports a test whose suite set-up failed as skipped, which ctest
  // counts as passing; failing here makes a broken set-up fail every test.
  void SetUp() override { ASSERT_TRUE(loaded_) << "the demo district did not load"; }

  static rv1::GetPeriodReportRequest H1() {
    rv1::GetPeriodReportRequest request;
    request.mutable_period()->set_start_date("2026-01-01");
    request.mutable_period()->set_end_date("2026-06-30");
    return request;
  }
  rv1::PeriodReport Report(const rv1::GetPeriodReportRequest& request) {
    rv1::PeriodReport report;
    grpc::Status status = server_->stub().GetPeriodReport(StaffContext().get(), request, &report);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return report;
  }
  static rv1::FigureValue Figure(const rv1::PeriodReport& report, rv1::Figure figure) {
    for (const auto& value : report.figures()) {
      if (value.figure() == figure) return value;
    }
    return {};
  }

  static ReportingServer* server_;
};
ReportingServer* ReportingTest::server_ = nullptr;

TEST_F(ReportingTest, FirstHalfReportReproducesThePublishedFigures) {
  const rv1::PeriodReport report = Report(H1());
  EXPECT_EQ(Figure(report, rv1::FIGURE_OUTBOUND_TRIPS).count(), 48);
  EXPECT_EQ(Figure(report, rv1::FIGURE_MERCHANT_VISITS).count(), 66);
  EXPECT_EQ(Figure(report, rv1::FIGURE_LEADS).count(), 46);
  EXPECT_EQ(Figure(report, rv1::FIGURE_SIGNED_PROJECTS).count(), 12);
  EXPECT_EQ(Figure(report, rv1::FIGURE_SIGNED_PROJECTS).investment_wan_yuan(), 420'000);
  EXPECT_EQ(Figure(report, rv1::FIGURE_CONTINUING_PROJECTS).count(), 59);
  EXPECT_EQ(Figure(report, rv1::FIGURE_CONTINUING_PROJECTS).investment_wan_yuan(), 850'000);
  EXPECT_EQ(Figure(report, rv1::FIGURE_STARTED_PROJECTS).count(), 73);
  EXPECT_EQ(Figure(report, rv1::FIGURE_STARTED_PROJECTS).investment_wan_yuan(), 960'000);
  EXPECT_EQ(Figure(report, rv1::FIGURE_STARTED_GE_10YI).count(), 3);
  EXPECT_EQ(Figure(report, rv1::FIGURE_STARTED_GE_1YI).count(), 26);
  EXPECT_GT(Figure(report, rv1::FIGURE_FUNDS_IN_PLACE).investment_wan_yuan(), 0);
}

TEST_F(ReportingTest, BulletinTextInChineseAndEnglish) {
  rv1::GetBulletinTextRequest request;
  *request.mutable_period() = H1().period();
  rv1::BulletinText text;
  ASSERT_TRUE(server_->stub().GetBulletinText(StaffContext().get(), request, &text).ok());
  EXPECT_EQ(
      text.text().rfind("2026年上半年，全区共外出招商48次，邀请客商来访66次，收集招商线索46条；"
                        "新签约项目12个，总投资42亿元；在续建项目59个，总投资85亿元；开工项目73个，"
                        "总投资96亿元，其中10亿元以上项目3个，亿元以上项目26个；到位资金",
                        0),
      0u)
      << text.text();
  request.set_language(rv1::LANGUAGE_EN);
  ASSERT_TRUE(server_->stub().GetBulletinText(StaffContext().get(), request, &text).ok());
  EXPECT_EQ(text.text().rfind(
                "In the first half of 2026, the district made 48 outbound promotion trips, "
                "received 66 merchant visits and collected 46 investment leads; 12 projects were "
                "newly signed with a total investment of CNY 4.2 billion; 59 projects continued "
                "construction with a total investment of CNY 8.5 billion; 73 projects started "
                "construction with a total investment of CNY 9.6 billion, 3 of them of CNY 1 "
                "billion or more and 26 of CNY 100 million or more",
                0),
            0u)
      << text.text();
}

TEST_F(ReportingTest, EveryBreakdownSumsToItsTotal) {
  rv1::GetPeriodReportRequest request = H1();
  for (cv1::GroupBy g : {cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_INDUSTRY,
                         cv1::GROUP_BY_PARK, cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION,
                         cv1::GROUP_BY_CHANNEL, cv1::GROUP_BY_MONTH}) {
    request.add_breakdowns(g);
  }
  const rv1::PeriodReport report = Report(request);
  ASSERT_GT(report.breakdowns_size(), 20);
  for (const rv1::Breakdown& breakdown : report.breakdowns()) {
    int64_t count = 0, money = 0;
    for (const auto& row : breakdown.rows()) {
      count += row.count();
      money += row.investment_wan_yuan();
    }
    const rv1::FigureValue total = Figure(report, breakdown.figure());
    const std::string what =
        cv1::GroupBy_Name(breakdown.group_by()) + " of " + rv1::Figure_Name(breakdown.figure());
    EXPECT_EQ(count, total.count()) << what;
    EXPECT_EQ(money, total.investment_wan_yuan()) << what;
  }
}

TEST_F(ReportingTest, DrillDownListsTheRecordsBehindAFigure) {
  rv1::ListFigureRecordsRequest request;
  *request.mutable_period() = H1().period();
  request.set_figure(rv1::FIGURE_STARTED_GE_1YI);
  request.set_page_size(10);
  std::set<int64_t> projects;
  int pages = 0;
  do {
    rv1::ListFigureRecordsResponse response;
    ASSERT_TRUE(server_->stub().ListFigureRecords(StaffContext().get(), request, &response).ok());
    for (const auto& record : response.records()) {
      EXPECT_GE(record.investment_wan_yuan(), 10'000);
      EXPECT_TRUE(projects.insert(record.id()).second);
    }
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  EXPECT_EQ(projects.size(), 26u);  // 'which 26?'
  EXPECT_EQ(pages, 3);

  request.set_figure(rv1::FIGURE_OUTBOUND_TRIPS);
  request.set_page_size(100);
  request.clear_page_token();
  rv1::ListFigureRecordsResponse trips;
  ASSERT_TRUE(server_->stub().ListFigureRecords(StaffContext().get(), request, &trips).ok());
  EXPECT_EQ(trips.records_size(), 48);
}

TEST_F(ReportingTest, ComparisonsMatchTheReportsOfThosePeriods) {
  rv1::GetPeriodReportRequest request = H1();
  request.set_with_comparison(true);
  const rv1::PeriodReport report = Report(request);
  ASSERT_EQ(report.comparisons_size(), report.figures_size());
  rv1::GetPeriodReportRequest previous;
  previous.mutable_period()->set_start_date("2025-07-01");  // the second half of 2025
  previous.mutable_period()->set_end_date("2025-12-31");
  rv1::GetPeriodReportRequest last_year;
  last_year.mutable_period()->set_start_date("2025-01-01");
  last_year.mutable_period()->set_end_date("2025-06-30");
  const rv1::PeriodReport previous_report = Report(previous);
  const rv1::PeriodReport last_year_report = Report(last_year);
  for (const rv1::Comparison& comparison : report.comparisons()) {
    EXPECT_EQ(comparison.previous_period().SerializeAsString(),
              Figure(previous_report, comparison.figure()).SerializeAsString());
    EXPECT_EQ(comparison.same_period_last_year().SerializeAsString(),
              Figure(last_year_report, comparison.figure()).SerializeAsString());
  }
  // The 73 projects started in H1 2026 were all signed in H2 2025.
  EXPECT_EQ(Figure(previous_report, rv1::FIGURE_SIGNED_PROJECTS).count(), 73);
}

TEST_F(ReportingTest, ExportsReadBackEqualToTheReport) {
  rv1::ExportPeriodReportRequest request;
  *request.mutable_report() = H1();
  for (cv1::GroupBy g : {cv1::GROUP_BY_MONTH, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_UNIT,
                         cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_ACTIVITY_KIND}) {
    request.mutable_report()->add_breakdowns(g);
  }
  request.mutable_report()->set_with_comparison(true);
  const rv1::PeriodReport report = Report(request.report());
  ASSERT_EQ(report.comparisons_size(), 9);
  const std::string dir = ::testing::TempDir();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(report, &json).ok());
  std::ofstream(dir + "/report.json") << json;
  for (auto [format, name] : {std::pair{rv1::EXPORT_FORMAT_CSV, "report.csv"},
                              std::pair{rv1::EXPORT_FORMAT_XLSX, "report.xlsx"}}) {
    request.set_format(format);
    rv1::ExportPeriodReportResponse exported;
    ASSERT_TRUE(server_->stub().ExportPeriodReport(StaffContext().get(), request, &exported).ok());
    EXPECT_FALSE(exported.content().empty());
    std::ofstream(dir + "/" + name, std::ios::binary) << exported.content();
  }
  const std::string command = std::string("/usr/bin/python3 ") + ZS_CHECK_EXPORTS + " " + dir +
                              "/report.json " + dir + "/report.csv " + dir + "/report.xlsx";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST_F(ReportingTest, AnExportWithoutBreakdownsHasMonthIndustryAndUnit) {
  rv1::ExportPeriodReportRequest request;
  *request.mutable_report() = H1();
  request.set_format(rv1::EXPORT_FORMAT_XLSX);
  rv1::ExportPeriodReportResponse exported;
  ASSERT_TRUE(server_->stub().ExportPeriodReport(StaffContext().get(), request, &exported).ok());
  rv1::GetPeriodReportRequest asked = H1();
  for (cv1::GroupBy g : {cv1::GROUP_BY_MONTH, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_UNIT}) {
    asked.add_breakdowns(g);
  }
  const rv1::PeriodReport report = Report(asked);
  const std::string dir = ::testing::TempDir();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(report, &json).ok());
  std::ofstream(dir + "/default.json") << json;
  std::ofstream(dir + "/default.xlsx", std::ios::binary) << exported.content();
  request.set_format(rv1::EXPORT_FORMAT_CSV);
  ASSERT_TRUE(server_->stub().ExportPeriodReport(StaffContext().get(), request, &exported).ok());
  std::ofstream(dir + "/default.csv", std::ios::binary) << exported.content();
  const std::string command = std::string("/usr/bin/python3 ") + ZS_CHECK_EXPORTS + " " + dir +
                              "/default.json " + dir + "/default.csv " + dir + "/default.xlsx";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST_F(ReportingTest, ActivityKindIsABreakdownOfTripsAndVisits) {
  rv1::GetPeriodReportRequest request = H1();
  request.add_breakdowns(cv1::GROUP_BY_ACTIVITY_KIND);
  const rv1::PeriodReport report = Report(request);
  ASSERT_EQ(report.breakdowns_size(), 2);
  EXPECT_EQ(report.breakdowns(0).figure(), rv1::FIGURE_OUTBOUND_TRIPS);
  ASSERT_EQ(report.breakdowns(0).rows_size(), 1);
  EXPECT_EQ(report.breakdowns(0).rows(0).key(), "ACTIVITY_KIND_OUTBOUND_TRIP");
  EXPECT_EQ(report.breakdowns(0).rows(0).count(), 48);
  EXPECT_EQ(report.breakdowns(1).rows(0).count(), 66);
}

TEST_F(ReportingTest, AnEmptyPeriodIsZerosNotAnError) {
  rv1::GetPeriodReportRequest request;
  request.mutable_period()->set_start_date("2019-01-01");
  request.mutable_period()->set_end_date("2019-03-31");
  request.add_breakdowns(cv1::GROUP_BY_UNIT);
  const rv1::PeriodReport report = Report(request);
  ASSERT_EQ(report.figures_size(), 9);
  for (const auto& value : report.figures()) {
    EXPECT_EQ(value.count(), 0) << rv1::Figure_Name(value.figure());
    EXPECT_EQ(value.investment_wan_yuan(), 0);
  }
}

// A day that has not come yet has no figures (#17.4), not even the
// continuing projects its year began with.
TEST_F(ReportingTest, AFutureDayShowsNoFigures) {
  rv1::GetPeriodReportRequest request;
  const std::string tomorrow = FormatDate(TodayInChina() + 1);
  request.mutable_period()->set_start_date(tomorrow);
  request.mutable_period()->set_end_date(tomorrow);
  const rv1::PeriodReport report = Report(request);
  ASSERT_EQ(report.figures_size(), 9);
  for (const auto& value : report.figures()) {
    EXPECT_EQ(value.count(), 0) << rv1::Figure_Name(value.figure());
    EXPECT_EQ(value.investment_wan_yuan(), 0);
  }
  rv1::ListFigureRecordsRequest list;
  *list.mutable_period() = request.period();
  list.set_figure(rv1::FIGURE_CONTINUING_PROJECTS);
  rv1::ListFigureRecordsResponse records;
  ASSERT_TRUE(server_->stub().ListFigureRecords(StaffContext().get(), list, &records).ok());
  EXPECT_EQ(records.records_size(), 0);
}

TEST_F(ReportingTest, ClosedPeriodsMayBeCachedOpenOnesNever) {
  rv1::GetPeriodReportRequest closed;  // a period no other test asks for
  closed.mutable_period()->set_start_date("2026-02-01");
  closed.mutable_period()->set_end_date("2026-02-28");
  const rv1::PeriodReport computed = Report(closed);
  EXPECT_FALSE(computed.from_cache());
  const rv1::PeriodReport cached = Report(closed);
  EXPECT_TRUE(cached.from_cache());
  EXPECT_EQ(cached.figures(0).SerializeAsString(), computed.figures(0).SerializeAsString());
  rv1::GetPeriodReportRequest open;
  open.mutable_period()->set_start_date("2026-01-01");
  open.mutable_period()->set_end_date("2026-12-31");
  EXPECT_FALSE(Report(open).from_cache());
  EXPECT_FALSE(Report(open).from_cache());
}

TEST_F(ReportingTest, BadRequestsNameTheField) {
  rv1::GetPeriodReportRequest request;
  request.mutable_period()->set_start_date("2026-06-30");
  request.mutable_period()->set_end_date("2026-01-01");
  rv1::PeriodReport report;
  grpc::Status status = server_->stub().GetPeriodReport(StaffContext().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "period.end_date");
  rv1::ExportPeriodReportRequest export_request;
  *export_request.mutable_report() = H1();
  rv1::ExportPeriodReportResponse exported;
  status = server_->stub().ExportPeriodReport(StaffContext().get(), export_request, &exported);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "format");
}

// Runs last in this suite: it stops the lead service.
TEST_F(ReportingTest, ZDependencyDownIsUnavailableNotAWrongReport) {
  server_->projects().StopLead();
  rv1::GetPeriodReportRequest request;
  request.mutable_period()->set_start_date("2026-07-01");  // not cached
  request.mutable_period()->set_end_date("2026-07-31");
  rv1::PeriodReport report;
  grpc::Status status = server_->stub().GetPeriodReport(StaffContext().get(), request, &report);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("lead service"), std::string::npos)
      << status.error_message();
}

}  // namespace
}  // namespace zs::testing

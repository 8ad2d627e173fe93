// zsctl's tables for people: progress as one row per unit with done/target
// and %, the caller's own unit marked; overdue leads with which deadline
// and by how long; the periods --month, --week and --quarter name. Every
// table shows labels and directory names, never an enum name or a code.
#include <gtest/gtest.h>

#include <regex>

#include "absl/strings/str_split.h"
#include "client/period.h"
#include "client/readable.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::client {
namespace {

using zhaoshang::supervision::v1::Progress;

// Codes a person must not read: enum names (METRIC_LEADS, LEADS, leads)
// and directory codes (office-fujian, dept-investment, leader-…).
void ExpectNoCodes(const std::string& table) {
  EXPECT_FALSE(std::regex_search(table, std::regex("[A-Z]{3,}_[A-Z_]+")))
      << "an enum name: " << table;
  EXPECT_FALSE(std::regex_search(table, std::regex("(office|dept|leader|park|town)-[a-z]")))
      << "a directory code: " << table;
}

Progress TwoUnits() {
  Progress progress;
  progress.mutable_period()->set_start_date("2026-11-01");
  progress.mutable_period()->set_end_date("2026-11-30");
  for (auto [code, name, rank, actual, score] :
       {std::tuple{"office-fujian", "福建办事处", 1, 4, 92.5},
        std::tuple{"office-chengdu", "成都办事处", 2, 1, 61.0}}) {
    auto* unit = progress.add_units();
    unit->set_unit_code(code);
    unit->set_unit_name(name);
    unit->set_rank(rank);
    unit->set_score(score);
    auto* metric = unit->add_metrics();
    metric->set_metric(zhaoshang::supervision::v1::METRIC_LEADS);
    metric->set_target(6);
    metric->set_actual(actual);
    metric->set_completion(actual / 6.0);
    auto* untargeted = unit->add_metrics();  // no target: no column
    untargeted->set_metric(zhaoshang::supervision::v1::METRIC_STARTED_PROJECTS);
  }
  return progress;
}

TEST(ReadableTest, ProgressIsOneRowPerUnitWithTheCallersRowMarked) {
  ReadableContext context;
  context.own_unit = "office-chengdu";
  const std::string table = *RenderReadable(TwoUnits(), context);
  std::vector<std::string> lines = absl::StrSplit(table, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 5u) << table;
  EXPECT_EQ(lines[0], "Progress 2026-11-01 – 2026-11-30, 2 units");
  EXPECT_NE(lines[1].find("招商线索"), std::string::npos) << table;
  EXPECT_EQ(lines[1].find("开工项目"), std::string::npos) << "no target, no column";
  EXPECT_NE(lines[2].find("福建办事处"), std::string::npos) << table;
  EXPECT_NE(lines[2].find("4/6 67%"), std::string::npos) << table;
  EXPECT_NE(lines[2].find("92.5"), std::string::npos) << table;
  EXPECT_NE(lines[2].rfind("▶", 0), 0u) << "not the caller's unit";
  EXPECT_EQ(lines[3].rfind("▶", 0), 0u) << table;
  EXPECT_NE(lines[3].find("1/6 17%"), std::string::npos) << table;
  EXPECT_NE(lines[4].find("your unit (成都办事处)"), std::string::npos) << table;
  ExpectNoCodes(table);
}

TEST(ReadableTest, AUnitTheResponseDoesNotNameIsNamedByTheDirectory) {
  Progress progress = TwoUnits();
  progress.mutable_units(0)->clear_unit_name();
  progress.mutable_units(1)->set_unit_code("dept-investment");
  progress.mutable_units(1)->clear_unit_name();
  const std::string table = *RenderReadable(progress, ReadableContext());
  EXPECT_NE(table.find("福建驻外招商办事处"), std::string::npos) << table;
  EXPECT_NE(table.find("区投资促进局"), std::string::npos) << table;
  ExpectNoCodes(table);
}

TEST(ReadableTest, LeadListsShowTheStatusLabelAndWhoCollectedItByName) {
  zhaoshang::lead::v1::ListLeadsResponse response;
  auto* office_lead = response.add_leads();
  office_lead->set_id(7);
  office_lead->set_title("漳州物流园扩建");
  office_lead->set_status(zhaoshang::lead::v1::LEAD_STATUS_FOLLOWING);
  office_lead->set_office_code("office-fujian");
  office_lead->set_unit_code("dept-investment");
  auto* unit_lead = response.add_leads();
  unit_lead->set_id(8);
  unit_lead->set_title("园区线索");
  unit_lead->set_status(zhaoshang::lead::v1::LEAD_STATUS_NEW);
  unit_lead->set_unit_code("dept-investment");
  const std::string table = *RenderReadable(response, ReadableContext());
  std::vector<std::string> lines = absl::StrSplit(table, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u) << table;
  EXPECT_NE(lines[1].find("跟进中"), std::string::npos) << table;
  EXPECT_NE(lines[1].find("福建驻外招商办事处"), std::string::npos) << table;
  EXPECT_NE(lines[2].find("新线索"), std::string::npos) << table;
  EXPECT_NE(lines[2].find("区投资促进局"), std::string::npos) << table;
  ExpectNoCodes(table);
}

TEST(ReadableTest, OverdueLeadsSayWhichDeadlineAndByHowLong) {
  zhaoshang::lead::v1::ListOverdueLeadsResponse response;
  auto* lead = response.add_leads();
  lead->set_id(57);
  lead->set_title("福州医疗器械扩产");
  lead->set_enterprise_id(42);
  lead->set_office_code("office-fujian");
  auto* deadline = lead->add_deadlines();
  deadline->set_kind(zhaoshang::lead::v1::LeadDeadline::KIND_ASSESS);
  deadline->set_overdue(true);
  const absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  deadline->mutable_due_time()->set_seconds(absl::ToUnixSeconds(now - absl::Hours(76)));
  auto* met = lead->add_deadlines();
  met->set_kind(zhaoshang::lead::v1::LeadDeadline::KIND_RESPOND);
  ReadableContext context;
  context.now = now;
  context.enterprise_names[42] = "福州医疗科技有限公司";
  const std::string table = *RenderReadable(response, context);
  EXPECT_NE(table.find("完成研判 3d 4h"), std::string::npos) << table;
  EXPECT_EQ(table.find("明确跟进责任人"), std::string::npos) << "met deadlines are not overdue";
  EXPECT_NE(table.find("福建驻外招商办事处"), std::string::npos) << table;
  ExpectNoCodes(table);
  EXPECT_NE(table.find("42 福州医疗科技有限公司"), std::string::npos) << table;
  EXPECT_NE(table.find("(none)"), std::string::npos) << "no follow-up owner, said so";
  EXPECT_EQ(*RenderReadable(zhaoshang::lead::v1::ListOverdueLeadsResponse(), context),
            "no overdue leads\n");
}

TEST(ReadableTest, AReportIsOneRowPerFigureThenEachBreakdown) {
  zhaoshang::reporting::v1::PeriodReport report;
  report.mutable_period()->set_start_date("2026-10-01");
  report.mutable_period()->set_end_date("2026-12-31");
  auto* leads = report.add_figures();
  leads->set_figure(zhaoshang::reporting::v1::FIGURE_LEADS);
  leads->set_count(12);
  leads->set_investment_wan_yuan(340000);
  auto* comparison = report.add_comparisons();
  comparison->set_figure(zhaoshang::reporting::v1::FIGURE_LEADS);
  comparison->mutable_previous_period()->set_count(9);
  comparison->mutable_previous_period()->set_investment_wan_yuan(120000);
  auto* breakdown = report.add_breakdowns();
  breakdown->set_figure(zhaoshang::reporting::v1::FIGURE_LEADS);
  breakdown->set_group_by(zhaoshang::common::v1::GROUP_BY_OFFICE);
  auto* row = breakdown->add_rows();
  row->set_key("office-fujian");
  row->set_count(7);
  auto* by_industry = report.add_breakdowns();
  by_industry->set_figure(zhaoshang::reporting::v1::FIGURE_LEADS);
  by_industry->set_group_by(zhaoshang::common::v1::GROUP_BY_INDUSTRY);
  by_industry->add_rows()->set_key("INDUSTRY_MEDICAL_DEVICES");
  by_industry->add_rows()->set_key("none");
  by_industry->add_rows()->set_key("total");
  const std::string table = *RenderReadable(report, ReadableContext());
  std::vector<std::string> lines = absl::StrSplit(table, '\n', absl::SkipEmpty());
  ASSERT_GE(lines.size(), 6u) << table;
  EXPECT_EQ(lines[0], "Report 2026-10-01 – 2026-12-31");
  EXPECT_NE(lines[1].find("PREVIOUS PERIOD"), std::string::npos) << table;
  EXPECT_EQ(lines[2].find("收集招商线索"), 0u) << table;
  EXPECT_NE(lines[2].find("340000"), std::string::npos) << table;
  EXPECT_NE(lines[2].find("9 / 120000 万元"), std::string::npos) << table;
  EXPECT_EQ(lines[3], "收集招商线索（按驻外办事处）") << table;
  EXPECT_EQ(lines[5].find("福建驻外招商办事处"), 0u) << table;
  EXPECT_EQ(lines[6], "收集招商线索（按产业）") << table;
  EXPECT_EQ(lines[8].find("医疗器械"), 0u) << table;
  EXPECT_EQ(lines[9].find("未填写"), 0u) << table;
  EXPECT_EQ(lines[10].find("合计"), 0u) << table;
  ExpectNoCodes(table);
}

TEST(PeriodTest, MonthWeekAndQuarterAreChinaCalendarRanges) {
  const absl::CivilDay today(2026, 11, 26);  // a Thursday
  auto range = [&](PeriodFlags flags) {
    absl::StatusOr<zhaoshang::common::v1::DateRange> r = PeriodFromFlags(flags, today);
    return r.ok() ? r->start_date() + ".." + r->end_date() : std::string(r.status().message());
  };
  EXPECT_EQ(range({}), "2026-11-01..2026-11-30") << "default: this month";
  EXPECT_EQ(range({.month = "2026-02", .month_given = true}), "2026-02-01..2026-02-28");
  EXPECT_EQ(range({.week_given = true}), "2026-11-23..2026-11-29");
  EXPECT_EQ(range({.week = "2026-11-30", .week_given = true}), "2026-11-30..2026-12-06");
  EXPECT_EQ(range({.quarter = "2026-Q4", .quarter_given = true}), "2026-10-01..2026-12-31");
  EXPECT_EQ(range({.quarter_given = true}), "2026-10-01..2026-12-31");
  EXPECT_NE(range({.month = "2026-13", .month_given = true}).find("--month"), std::string::npos);
  EXPECT_NE(range({.quarter = "2026-Q5", .quarter_given = true}).find("--quarter"),
            std::string::npos);
  EXPECT_NE(range({.month = "2026-11", .week = "", .month_given = true, .week_given = true})
                .find("one of"),
            std::string::npos);
}

}  // namespace
}  // namespace zs::client

// Reading values and headers as offices type them, without a server.
#include "services/lead/import/import_plan.h"

#include <gtest/gtest.h>

namespace zs::lead::import {
namespace {

TEST(ParseWanYuan, AmountsAsPeopleWriteThem) {
  EXPECT_EQ(*ParseWanYuan("30000"), 30000);
  EXPECT_EQ(*ParseWanYuan("30,000"), 30000);
  EXPECT_EQ(*ParseWanYuan(" 30，000 "), 30000);
  EXPECT_EQ(*ParseWanYuan("3000万元"), 3000);
  EXPECT_EQ(*ParseWanYuan("3000万"), 3000);
  EXPECT_EQ(*ParseWanYuan("1.5亿"), 15000);
  EXPECT_EQ(*ParseWanYuan("2亿元"), 20000);
  EXPECT_EQ(*ParseWanYuan("1.2345亿"), 12345);
  EXPECT_EQ(*ParseWanYuan("150000000元"), 15000);
  EXPECT_EQ(*ParseWanYuan("2.5", 10'000), 25000);  // under a 亿元 header
  EXPECT_EQ(*ParseWanYuan("0"), 0);
}

TEST(ParseWanYuan, RefusesWhatIsNotAWholeAmount) {
  for (const char* bad :
       {"1.5", "1.23456亿", "12345元", "nan", "NaN", "inf", "-inf", "12e99", "1E+20", "-5", "",
        "三千万", "1.", ".5", "1,5.5", "99999999999999", "2000000000万元"}) {
    EXPECT_FALSE(ParseWanYuan(bad).ok()) << bad;
  }
}

TEST(ParseDate, DatesAsPeopleWriteThem) {
  for (const char* text : {"2026-11-12", "2026/11/12", "2026.11.12", "2026年11月12日",
                           "2026-11-12 00:00:00", "46338"}) {
    ASSERT_TRUE(ParseDate(text).ok()) << text;
    EXPECT_EQ(*ParseDate(text), "2026-11-12") << text;
  }
  EXPECT_EQ(*ParseDate("2026/1/5"), "2026-01-05");
  for (const char* bad : {"2026-02-30", "12/11/2026", "1999-01-01", "明天", "11.12", "5"}) {
    EXPECT_FALSE(ParseDate(bad).ok()) << bad;
  }
}

TEST(Simplified, TraditionalHeadersMatch) {
  EXPECT_EQ(Simplified("項目名稱"), "项目名称");
  EXPECT_EQ(Simplified("長三角駐外招商辦事處"), "长三角驻外招商办事处");
  EXPECT_EQ(Simplified("plain ascii"), "plain ascii");
}

TEST(FindHeaderRow, UnderTitleRowsWithSynonymsAndUnits) {
  Sheet sheet;
  sheet.rows = {{1, {"福建办事处招商线索台账（2026年11月）"}},
                {2, {"填报单位：福建驻外招商办事处"}},
                {3, {"序号", "线索名称 *", "客商名称", "所属产业", "投资额（亿元）", "带队人"}},
                {4, {"1", "项目", "某公司", "医疗器械", "1.5", ""}}};
  absl::StatusOr<HeaderRow> header = FindHeaderRow(sheet, ImportKind::kLeads);
  ASSERT_TRUE(header.ok()) << header.status();
  EXPECT_EQ(header->line, 3);
  EXPECT_EQ(header->fields.at("title"), 1u);
  EXPECT_EQ(header->fields.at("enterprise"), 2u);
  EXPECT_EQ(header->unit_wan_yuan.at("investment"), 10'000);
  EXPECT_EQ(header->unknown, (std::vector<std::string>{"序号", "带队人"}));
  EXPECT_EQ(HeaderText(*header, "investment"), "投资额（亿元）");

  PlannedRow plan =
      PlanRow(sheet, *header, 3, ImportKind::kLeads, Directory::Seeded(), "office-fujian");
  EXPECT_TRUE(plan.problems.empty());
  EXPECT_EQ(plan.lead.estimated_investment_wan_yuan(), 15000);
  EXPECT_EQ(plan.lead.office_code(), "office-fujian");
  // The same content always makes the same request id; other content another.
  EXPECT_EQ(plan.RequestId(ImportKind::kLeads),
            PlanRow(sheet, *header, 3, ImportKind::kLeads, Directory::Seeded(), "office-fujian")
                .RequestId(ImportKind::kLeads));
  EXPECT_NE(plan.RequestId(ImportKind::kLeads),
            PlanRow(sheet, *header, 3, ImportKind::kLeads, Directory::Seeded(), "office-yrd")
                .RequestId(ImportKind::kLeads));
}

TEST(FindHeaderRow, SaysWhichRequiredColumnIsMissing) {
  Sheet sheet;
  sheet.rows = {{1, {"企业名称", "所属产业", "预计投资"}}, {2, {"某公司", "其他", "100"}}};
  absl::StatusOr<HeaderRow> header = FindHeaderRow(sheet, ImportKind::kLeads);
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("项目名称"), std::string::npos);
}

}  // namespace
}  // namespace zs::lead::import

#include "services/reporting/export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/csv.h"
#include "services/reporting/bulletin.h"

namespace zs::reporting {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

std::string SheetName(const rv1::Breakdown& breakdown) {
  // Excel allows 31 characters and none of []:*?/\ — labels have none.
  return absl::StrCat(GroupByLabel(breakdown.group_by()), "-", FigureLabel(breakdown.figure()));
}

}  // namespace

std::string FigureLabel(rv1::Figure figure) {
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
      return "外出招商";
    case rv1::FIGURE_MERCHANT_VISITS:
      return "邀请客商来访";
    case rv1::FIGURE_LEADS:
      return "收集招商线索";
    case rv1::FIGURE_SIGNED_PROJECTS:
      return "新签约项目";
    case rv1::FIGURE_CONTINUING_PROJECTS:
      return "在续建项目";
    case rv1::FIGURE_STARTED_PROJECTS:
      return "开工项目";
    case rv1::FIGURE_STARTED_GE_10YI:
      return "开工10亿元以上项目";
    case rv1::FIGURE_STARTED_GE_1YI:
      return "开工亿元以上项目";
    case rv1::FIGURE_FUNDS_IN_PLACE:
      return "到位资金";
    default:
      return "未知";
  }
}

std::string GroupByLabel(cv1::GroupBy group_by) {
  switch (group_by) {
    case cv1::GROUP_BY_UNIT:
      return "按单位";
    case cv1::GROUP_BY_OFFICE:
      return "按驻外办事处";
    case cv1::GROUP_BY_INDUSTRY:
      return "按产业";
    case cv1::GROUP_BY_CHANNEL:
      return "按招商方式";
    case cv1::GROUP_BY_STAGE:
      return "按状态";
    case cv1::GROUP_BY_MONTH:
      return "按月份";
    case cv1::GROUP_BY_PARK:
      return "按园区";
    case cv1::GROUP_BY_LEADER:
      return "按县级领导";
    case cv1::GROUP_BY_CHAIN_ACTION:
      return "按链条";
    case cv1::GROUP_BY_INVESTMENT_BAND:
      return "按投资规模";
    case cv1::GROUP_BY_ACTIVITY:
      return "按签约活动";
    case cv1::GROUP_BY_ACTIVITY_KIND:
      return "按活动类型";
    default:
      return "合计";
  }
}

std::string ReportCsv(const rv1::PeriodReport& report) {
  std::string csv = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
  absl::StrAppend(&csv,
                  CsvLine({"期间", report.period().start_date(), report.period().end_date()}));
  absl::StrAppend(&csv, CsvLine({"分组", "指标", "项", "数量", "金额（万元）", "金额（亿元）"}));
  for (const rv1::FigureValue& value : report.figures()) {
    absl::StrAppend(
        &csv, CsvLine({"合计", FigureLabel(value.figure()), "合计", absl::StrCat(value.count()),
                       absl::StrCat(value.investment_wan_yuan()),
                       WanYuanAsYi(value.investment_wan_yuan())}));
  }
  for (const rv1::Breakdown& breakdown : report.breakdowns()) {
    for (const cv1::AggregateRow& row : breakdown.rows()) {
      absl::StrAppend(
          &csv,
          CsvLine({GroupByLabel(breakdown.group_by()), FigureLabel(breakdown.figure()), row.key(),
                   absl::StrCat(row.count()), absl::StrCat(row.investment_wan_yuan()),
                   WanYuanAsYi(row.investment_wan_yuan())}));
    }
  }
  return csv;
}

absl::StatusOr<std::string> ReportXlsx(const rv1::PeriodReport& report) {
  // libxlsxwriter writes files only, so the workbook goes through a private
  // temporary file that is removed before returning.
  char path[] = "/tmp/zs-report-XXXXXX.xlsx";
  const int fd = mkstemps(path, 5);
  if (fd < 0) return absl::InternalError("cannot create a temporary file for the workbook");
  close(fd);
  lxw_workbook* workbook = workbook_new(path);
  if (workbook == nullptr) {
    unlink(path);
    return absl::InternalError("cannot start the workbook");
  }
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  lxw_format* yi = workbook_add_format(workbook);
  format_set_num_format(yi, "0.00##");

  auto write_table = [&](lxw_worksheet* sheet, const std::string& first_column) {
    worksheet_write_string(sheet, 0, 0, first_column.c_str(), header);
    worksheet_write_string(sheet, 0, 1, "数量", header);
    worksheet_write_string(sheet, 0, 2, "金额（万元）", header);
    worksheet_write_string(sheet, 0, 3, "金额（亿元）", header);
    worksheet_set_column(sheet, 0, 0, 28, nullptr);
    worksheet_set_column(sheet, 1, 3, 14, nullptr);
  };
  auto write_row = [&](lxw_worksheet* sheet, int row, const std::string& key, int64_t count,
                       int64_t wan_yuan) {
    worksheet_write_string(sheet, row, 0, key.c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, static_cast<double>(count), nullptr);
    worksheet_write_number(sheet, row, 2, static_cast<double>(wan_yuan), nullptr);
    worksheet_write_number(sheet, row, 3, static_cast<double>(wan_yuan) / 10000.0, yi);
  };

  lxw_worksheet* summary = workbook_add_worksheet(workbook, "汇总");
  write_table(summary, absl::StrCat("指标（", report.period().start_date(), " 至 ",
                                    report.period().end_date(), "）"));
  int row = 1;
  for (const rv1::FigureValue& value : report.figures()) {
    write_row(summary, row++, FigureLabel(value.figure()), value.count(),
              value.investment_wan_yuan());
  }
  for (const rv1::Breakdown& breakdown : report.breakdowns()) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, SheetName(breakdown).c_str());
    if (sheet == nullptr) continue;  // a duplicate name: the same breakdown twice
    write_table(sheet, GroupByLabel(breakdown.group_by()));
    int r = 1;
    for (const cv1::AggregateRow& aggregate : breakdown.rows()) {
      write_row(sheet, r++, aggregate.key(), aggregate.count(), aggregate.investment_wan_yuan());
    }
  }
  const lxw_error error = workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  unlink(path);
  if (error != LXW_NO_ERROR) {
    return absl::InternalError(absl::StrCat("writing the workbook failed: ", lxw_strerror(error)));
  }
  return bytes.str();
}

}  // namespace zs::reporting

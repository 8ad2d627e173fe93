// Exports of a period report as a bureau circulates them.
//
// The .xlsx workbook (libxlsxwriter): a 汇总 sheet with a title naming the
// district and period, 制表单位 and 制表日期, the nine figures with their
// unit, 数量, 金额（万元） (thousands separators) and 金额（亿元） (two
// decimals), and 环比/同比 columns when the report carries comparisons; then
// one sheet per breakdown dimension with every figure that has it side by
// side; native charts on the month (trend), industry and unit sheets.
// Headers are frozen, pages A4 landscape fitted to the width, and the
// document properties name the district, the period and the issuer.
// Count-only figures (trips, visits, leads) have no money cells; funds in
// place has no count.
//
// The CSV is the same table in one sheet: UTF-8 with a byte-order mark and
// CRLF so Excel opens Chinese text correctly. Both print labels (common/
// labels.h), never codes or enum names.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/directory.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"

namespace zs::reporting {

namespace rv1 = ::zhaoshang::reporting::v1;

// Who issues the tables and when; names units through `directory`.
struct ExportHeading {
  std::string district = "源汇区";
  std::string issuer = "源汇区投资促进局";  // 制表单位
  absl::CivilDay date;                      // 制表日期, China Standard Time
  const Directory* directory = &Directory::Seeded();
};

// Whether a figure counts records (trips, visits, leads, projects) and
// whether it sums money; funds in place only sums money.
bool FigureHasCount(rv1::Figure figure);
bool FigureHasMoney(rv1::Figure figure);

std::string ReportCsv(const rv1::PeriodReport& report, const ExportHeading& heading);
absl::StatusOr<std::string> ReportXlsx(const rv1::PeriodReport& report,
                                       const ExportHeading& heading);

}  // namespace zs::reporting

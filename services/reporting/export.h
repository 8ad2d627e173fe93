// Exports of a period report as the bureau writes its tables: money in 万元
// and in 亿元. CSV is UTF-8 with a byte-order mark so Excel shows Chinese
// correctly; the .xlsx workbook (libxlsxwriter) has a summary sheet and one
// sheet per breakdown.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"

namespace zs::reporting {

namespace rv1 = ::zhaoshang::reporting::v1;

std::string FigureLabel(rv1::Figure figure);
std::string GroupByLabel(zhaoshang::common::v1::GroupBy group_by);

std::string ReportCsv(const rv1::PeriodReport& report);
absl::StatusOr<std::string> ReportXlsx(const rv1::PeriodReport& report);

}  // namespace zs::reporting

// From a sheet's cells to the records an import would create, as plain
// functions tested without a server: finding the header row under title
// rows, matching the headers offices write to fields, and reading values as
// people type them. Nothing here touches the database; the lead service
// runs each planned row in its own transaction (lead_service_import.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/directory.h"
#include "services/lead/import/sheet.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead::import {

namespace v1 = ::zhaoshang::lead::v1;

enum class ImportKind { kLeads, kActivities };

// A field an import reads and the header texts that name it.
struct ColumnSpec {
  const char* field;                 // e.g. "title", "credit_code"
  std::vector<const char*> headers;  // Chinese first; the first is the template's
  bool required;
};
const std::vector<ColumnSpec>& Columns(ImportKind kind);

// Where the header row is and what each column holds.
struct HeaderRow {
  size_t row_index = 0;  // into Sheet::rows
  int line = 0;
  std::map<std::string, size_t> fields;  // field → cell index
  std::vector<std::string> texts;        // cell index → the header as written
  std::vector<std::string> unknown;      // headers no field reads, as written
  // Money columns whose header names a unit, e.g. 投资额（亿元）: 万元 per unit.
  std::map<std::string, int64_t> unit_wan_yuan;
};

// The first row among the first 30 that names at least two known columns
// and every required one. INVALID_ARGUMENT naming `content` otherwise,
// saying which required columns the likeliest row lacks.
absl::StatusOr<HeaderRow> FindHeaderRow(const Sheet& sheet, ImportKind kind);

// A problem with one cell: `column` is the sheet's header text.
struct Problem {
  std::string column;
  std::string message;
  std::string code = "INVALID_ARGUMENT";
};

// One data row made into the records it would create. Collector, leader
// and enum values are resolved; the referrer is resolved by name in the
// database (referrer_text) and the enterprise is looked up there too.
struct PlannedRow {
  int line = 0;
  v1::Enterprise enterprise;
  v1::Lead lead;          // kLeads; enterprise_id set when run
  v1::Activity activity;  // kActivities; enterprise_ids set when run
  std::string referrer_text;
  std::vector<Problem> problems;

  // The request id this row's content always gets: a re-run replays it.
  std::string RequestId(ImportKind kind) const;
};

// `default_collector` (a unit or office code, the caller's own) stands in
// for rows that name neither a unit nor an office.
PlannedRow PlanRow(const Sheet& sheet, const HeaderRow& header, size_t row_index, ImportKind kind,
                   const Directory& directory, const std::string& default_collector);

// The header text of `field` in this sheet (its own words), or `field`.
std::string HeaderText(const HeaderRow& header, const std::string& field);

// ---- values as people type them (exposed for tests) ----

// 万元 from `30,000`, `3000万元`, `3000万`, `1.5亿`, `2亿元`, `150000000元`;
// a bare number is in `unit_wan_yuan` 万元 (1, or 10,000 under a 亿元
// header). Refused: fractions of 万元 (the stated rule: amounts are whole
// 万元, so 1.5 万元 is refused rather than rounded), negatives, nan, inf,
// exponents, more than 1,000,000,000 万元.
absl::StatusOr<int64_t> ParseWanYuan(absl::string_view raw, int64_t unit_wan_yuan = 1);

// YYYY-MM-DD from `2026-11-12`, `2026/11/12`, `2026.11.12`, `2026年11月12日`,
// or an Excel serial day number (46338); years 2000–2100.
absl::StatusOr<std::string> ParseDate(absl::string_view raw);

// Traditional characters as simplified, for matching headers and names
// (ICU's Traditional-Simplified transliterator).
std::string Simplified(absl::string_view text);

}  // namespace zs::lead::import

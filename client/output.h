// How zsctl prints a response: an aligned table for people (columns sized
// by display width, so Chinese text lines up), one JSON document with the
// proto field names and enum names for scripts, CSV or an .xlsx workbook for
// spreadsheets. Tables, CSV and .xlsx show labels (common/labels.h): enum
// values and unit, office, leader and park codes as their Chinese names.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs::client {

enum class OutputFormat { kTable, kJson, kCsv, kXlsx };

bool ParseOutputFormat(absl::string_view text, OutputFormat* format);

// A list response (one repeated message field) prints one row per item with
// `columns` (default: the item type's usual columns); any other response
// prints one field per row. INVALID_ARGUMENT for a column that is no field.
absl::StatusOr<std::string> Render(const google::protobuf::Message& response, OutputFormat format,
                                   const std::vector<std::string>& columns = {});

// A plain table: the first row is the header.
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);
// CSV as Excel opens it safely: UTF-8 with a byte-order mark, CRLF; a text
// cell Excel would run as a formula (leading =, +, -, @, tab, CR) gets a
// leading apostrophe; digit identifiers Excel would turn into numbers
// (11+ digits such as phone numbers, or a leading zero) are written as the
// text constant ="…". Numbers stay numbers.
std::string FormatCsv(const std::vector<std::vector<std::string>>& rows);
// One sheet: header row bold and frozen, an autofilter, numbers as numbers
// and every other cell as a string (so identifiers keep their digits).
absl::StatusOr<std::string> FormatXlsx(const std::vector<std::vector<std::string>>& rows);

// Terminal columns `text` (UTF-8) takes: 2 for CJK characters, 1 for ASCII.
size_t DisplayWidth(absl::string_view text);

}  // namespace zs::client

// A spreadsheet's cells as text, whatever file they came from: the readers
// (xlsx_reader, csv_reader) produce it, the import plan reads it.
#pragma once

#include <string>
#include <vector>

namespace zs::lead::import {

struct SheetRow {
  int line = 0;                    // 1-based: the sheet's row number, or the CSV line
  std::vector<std::string> cells;  // UTF-8; an Excel date is YYYY-MM-DD
};

struct Sheet {
  std::string name;            // the .xlsx sheet read; empty for CSV
  std::string encoding;        // CSV: UTF-8, GB18030 or Big5; .xlsx: empty
  std::vector<SheetRow> rows;  // rows with at least one cell, in order
};

}  // namespace zs::lead::import

// Reading a spreadsheet export: CSV in UTF-8 (with or without a byte-order
// mark) or GBK/GB18030, as Chinese Excel saves it, into UTF-8 records that
// remember the line they started on. Decoding is iconv's, parsing libcsv's.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace zs::client {

enum class TextEncoding { kAuto, kUtf8, kGbk };

bool ParseTextEncoding(const std::string& text, TextEncoding* encoding);

struct CsvRecord {
  int line = 0;  // 1-based line of the file where the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string encoding;            // what was detected or forced: "UTF-8" or "GB18030"
  std::vector<CsvRecord> records;  // the header first
};

// INVALID_ARGUMENT when the bytes are not in the encoding or not CSV.
absl::StatusOr<CsvTable> ReadCsv(const std::string& bytes, TextEncoding encoding);

}  // namespace zs::client

// Reads one sheet of an .xlsx workbook (Office Open XML). Debian packages no
// C++ .xlsx reader, so this is a small one over libzip (the package) and
// expat (the XML): workbook.xml names the sheets, its relationships say
// which part holds each, sharedStrings.xml holds the text cells point to,
// styles.xml tells which numbers are dates. Formulas are read as their
// cached results, as Excel saved them.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/lead/import/sheet.h"

namespace zs::lead::import {

// True when `bytes` start like a zip archive (every .xlsx does).
bool LooksLikeZip(const std::string& bytes);

// The sheet named `sheet_name`, or the first sheet when it is empty.
// INVALID_ARGUMENT naming `content` for a file that is not a workbook, and
// `sheet_name` (listing the sheets) for a sheet it does not have.
absl::StatusOr<Sheet> ReadXlsx(const std::string& bytes, const std::string& sheet_name);

}  // namespace zs::lead::import

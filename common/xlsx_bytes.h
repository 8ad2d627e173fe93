// Writing an .xlsx workbook to memory with libxlsxwriter, which (Debian's
// 1.1.4) writes files only: the workbook goes through a private temporary
// file that is removed before returning.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"

namespace zs {

// Creates a workbook, lets `fill` add its sheets, closes it and returns the
// file's bytes. INTERNAL when the temporary file cannot be written.
absl::StatusOr<std::string> WorkbookBytes(const std::function<void(lxw_workbook*)>& fill);

}  // namespace zs

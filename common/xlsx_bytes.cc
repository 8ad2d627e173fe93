#include "common/xlsx_bytes.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace zs {

absl::StatusOr<std::string> WorkbookBytes(const std::function<void(lxw_workbook*)>& fill) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = absl::StrCat(tmp != nullptr && *tmp ? tmp : "/tmp", "/zs-xlsx-XXXXXX.xlsx");
  const int fd = mkstemps(path.data(), 5);
  if (fd < 0) return absl::InternalError("cannot create a temporary file for the workbook");
  close(fd);
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (workbook == nullptr) {
    unlink(path.c_str());
    return absl::InternalError("cannot start the workbook");
  }
  fill(workbook);
  const lxw_error error = workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  unlink(path.c_str());
  if (error != LXW_NO_ERROR) {
    return absl::InternalError(absl::StrCat("writing the workbook failed: ", lxw_strerror(error)));
  }
  return bytes.str();
}

}  // namespace zs

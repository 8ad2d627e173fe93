#include "common/csv.h"

#include "absl/strings/str_join.h"

namespace zs {
namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& fields) {
  std::vector<std::string> escaped;
  for (const std::string& field : fields) escaped.push_back(CsvField(field));
  return absl::StrJoin(escaped, ",") + "\r\n";
}

}  // namespace zs

// Writing CSV (RFC 4180): what the reporting service's exports and zsctl's
// `-o csv` share.
#pragma once

#include <string>
#include <vector>

namespace zs {

// One record: fields holding a comma, quote or line break are quoted, with
// quotes doubled; ends in CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace zs

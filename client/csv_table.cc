#include "client/csv_table.h"

#include <csv.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace zs::client {
namespace {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

// `bytes` in `from`, as UTF-8; INVALID_ARGUMENT at the first bad sequence.
absl::StatusOr<std::string> ToUtf8(const std::string& bytes, const char* from) {
  iconv_t converter = iconv_open("UTF-8", from);
  if (converter == reinterpret_cast<iconv_t>(-1)) {
    return absl::InternalError(absl::StrCat("iconv cannot convert from ", from));
  }
  std::unique_ptr<void, int (*)(iconv_t)> closer(converter, iconv_close);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      const size_t used = out_ptr - out.data();
      out.resize(out.size() * 2);
      out_ptr = out.data() + used;
      out_left = out.size() - used;
      continue;
    }
    const size_t offset = in_ptr - bytes.data();
    const int line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
    return absl::InvalidArgumentError(
        absl::StrCat("line ", line, ": not valid ", from, " text (byte ", offset, ")"));
  }
  out.resize(out_ptr - out.data());
  return out;
}

struct ParseState {
  CsvTable* table;
  int line = 1;
  CsvRecord current;
};

void OnField(void* data, size_t size, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  if (state->current.fields.empty()) state->current.line = state->line;
  state->current.fields.emplace_back(static_cast<const char*>(data), size);
}

void OnRecordEnd(int, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  state->table->records.push_back(std::move(state->current));
  state->current = {};
}

}  // namespace

bool ParseTextEncoding(const std::string& text, TextEncoding* encoding) {
  if (text == "auto")
    *encoding = TextEncoding::kAuto;
  else if (text == "utf-8" || text == "utf8")
    *encoding = TextEncoding::kUtf8;
  else if (text == "gbk" || text == "gb18030")
    *encoding = TextEncoding::kGbk;
  else
    return false;
  return true;
}

absl::StatusOr<CsvTable> ReadCsv(const std::string& bytes, TextEncoding encoding) {
  CsvTable table;
  std::string text;
  const bool has_bom = absl::StartsWith(bytes, kUtf8Bom);
  if (encoding == TextEncoding::kGbk) {
    absl::StatusOr<std::string> decoded = ToUtf8(bytes, "GB18030");
    if (!decoded.ok()) return decoded.status();
    text = *std::move(decoded);
    table.encoding = "GB18030";
  } else {
    // Validating UTF-8 is converting it to itself; what fails in auto mode
    // is taken for GBK (GB18030 is its superset), what Chinese Excel writes.
    const std::string body = has_bom ? bytes.substr(3) : bytes;
    absl::StatusOr<std::string> valid = ToUtf8(body, "UTF-8");
    if (valid.ok()) {
      text = body;
      table.encoding = "UTF-8";
    } else if (encoding == TextEncoding::kAuto && !has_bom) {
      absl::StatusOr<std::string> decoded = ToUtf8(bytes, "GB18030");
      if (!decoded.ok()) return decoded.status();
      text = *std::move(decoded);
      table.encoding = "GB18030";
    } else {
      return valid.status();
    }
  }

  csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) return absl::InternalError("csv_init failed");
  ParseState state{.table = &table};
  // Fed a line at a time so each record knows the line it starts on.
  for (absl::string_view line : absl::StrSplit(text, absl::ByString("\n"))) {
    std::string chunk = absl::StrCat(line, "\n");
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecordEnd, &state) !=
        chunk.size()) {
      const std::string error = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return absl::InvalidArgumentError(absl::StrCat("line ", state.line, ": ", error));
    }
    ++state.line;
  }
  csv_fini(&parser, OnField, OnRecordEnd, &state);
  csv_free(&parser);
  return table;
}

}  // namespace zs::client

#include "services/lead/import/csv_reader.h"

#include <csv.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/errors.h"

namespace zs::lead::import {
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
    return InvalidField("content", absl::StrCat("line ", line, " is not valid ", from,
                                                " text (byte ", offset, ")"));
  }
  out.resize(out_ptr - out.data());
  return out;
}

struct ParseState {
  Sheet* sheet = nullptr;
  int line = 1;
  SheetRow current;
};

void OnField(void* data, size_t size, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  if (state->current.cells.empty()) state->current.line = state->line;
  state->current.cells.emplace_back(static_cast<const char*>(data), size);
}

void OnRecordEnd(int, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  const auto& cells = state->current.cells;
  const bool empty = std::all_of(cells.begin(), cells.end(), [](const std::string& c) {
    return absl::StripAsciiWhitespace(c).empty();
  });
  if (!empty) state->sheet->rows.push_back(std::move(state->current));
  state->current = {};
}

absl::StatusOr<Sheet> Parse(const std::string& text, std::string encoding) {
  Sheet sheet;
  sheet.encoding = std::move(encoding);
  csv_parser parser;
  if (csv_init(&parser, CSV_APPEND_NULL) != 0) return absl::InternalError("csv_init failed");
  ParseState state;
  state.sheet = &sheet;
  // Fed a line at a time so each record knows the line it starts on.
  for (absl::string_view line : absl::StrSplit(text, absl::ByString("\n"))) {
    std::string chunk = absl::StrCat(line, "\n");
    if (csv_parse(&parser, chunk.data(), chunk.size(), OnField, OnRecordEnd, &state) !=
        chunk.size()) {
      const std::string error = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return InvalidField("content", absl::StrCat("line ", state.line, ": ", error));
    }
    ++state.line;
  }
  csv_fini(&parser, OnField, OnRecordEnd, &state);
  csv_free(&parser);
  return sheet;
}

struct Encoding {
  const char* iconv_name;
  const char* name;
};
constexpr Encoding kUtf8{"UTF-8", "UTF-8"};
constexpr Encoding kGb18030{"GB18030", "GB18030"};
constexpr Encoding kBig5{"BIG5-HKSCS", "Big5"};

}  // namespace

absl::StatusOr<std::vector<Sheet>> ReadCsv(const std::string& bytes, const std::string& encoding) {
  const std::string wanted = absl::AsciiStrToLower(absl::StripAsciiWhitespace(encoding));
  std::vector<Encoding> tries;
  if (wanted.empty() || wanted == "auto") {
    if (absl::StartsWith(bytes, kUtf8Bom) || ToUtf8(bytes, "UTF-8").ok()) {
      tries = {kUtf8};
    } else {
      tries = {kGb18030, kBig5};
    }
  } else if (wanted == "utf-8" || wanted == "utf8") {
    tries = {kUtf8};
  } else if (wanted == "gb18030" || wanted == "gbk" || wanted == "gb2312") {
    tries = {kGb18030};
  } else if (wanted == "big5" || wanted == "big5-hkscs") {
    tries = {kBig5};
  } else {
    return InvalidField("encoding",
                        absl::StrCat("unknown encoding ", encoding, " (utf-8, gb18030 or big5)"));
  }
  std::vector<Sheet> readings;
  absl::Status last;
  for (const Encoding& e : tries) {
    std::string body = bytes;
    if (e.name == kUtf8.name && absl::StartsWith(body, kUtf8Bom)) body = body.substr(3);
    absl::StatusOr<std::string> text = ToUtf8(body, e.iconv_name);
    if (!text.ok()) {
      last = text.status();
      continue;
    }
    absl::StatusOr<Sheet> sheet = Parse(*text, e.name);
    if (!sheet.ok()) {
      last = sheet.status();
      continue;
    }
    readings.push_back(*std::move(sheet));
  }
  if (readings.empty()) return last;
  return readings;
}

}  // namespace zs::lead::import

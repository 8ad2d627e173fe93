#include "services/lead/import/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <type_traits>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"

namespace zs::lead::import {
namespace {

constexpr int64_t kMaxPartBytes = 64 << 20;  // an uncompressed part; a zip bomb stops here

absl::Status NotAWorkbook(absl::string_view why) {
  return InvalidField("content", absl::StrCat("not a readable .xlsx workbook: ", why));
}

// The archive, read from memory.
class Archive {
 public:
  static absl::StatusOr<std::unique_ptr<Archive>> Open(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) return NotAWorkbook("cannot read the zip archive");
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip == nullptr) {
      zip_source_free(source);
      zip_error_fini(&error);
      return NotAWorkbook("not a zip archive");
    }
    return std::unique_ptr<Archive>(new Archive(zip));
  }
  ~Archive() { zip_discard(zip_); }

  // The part's bytes; nullopt when the archive has no such part.
  absl::StatusOr<std::optional<std::string>> Read(const std::string& name) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(zip_, name.c_str(), 0, &stat) != 0) return std::optional<std::string>();
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) {
      return NotAWorkbook(absl::StrCat(name, " is too large"));
    }
    zip_file_t* file = zip_fopen(zip_, name.c_str(), 0);
    if (file == nullptr) return NotAWorkbook(absl::StrCat("cannot open ", name));
    std::string out(stat.size, '\0');
    const zip_int64_t read = zip_fread(file, out.data(), out.size());
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(out.size())) {
      return NotAWorkbook(absl::StrCat("cannot read ", name));
    }
    return std::optional<std::string>(std::move(out));
  }

 private:
  explicit Archive(zip_t* zip) : zip_(zip) {}
  zip_t* zip_;
};

// Element names without their namespace prefix (`x:row` → `row`).
absl::string_view Local(const XML_Char* name) {
  absl::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == absl::string_view::npos ? n : n.substr(colon + 1);
}

const char* Attribute(const XML_Char** attributes, absl::string_view local) {
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (Local(attributes[i]) == local) return attributes[i + 1];
  }
  return nullptr;
}

// A SAX pass over one XML part with three callbacks.
struct XmlHandlers {
  std::function<void(absl::string_view, const XML_Char**)> start;
  std::function<void(absl::string_view)> end;
  std::function<void(absl::string_view)> text;
};

absl::Status ParseXml(const std::string& xml, const std::string& part, XmlHandlers& handlers) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(
      XML_ParserCreate("UTF-8"), XML_ParserFree);
  XML_SetUserData(parser.get(), &handlers);
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* h = static_cast<XmlHandlers*>(data);
        if (h->start) h->start(Local(name), attributes);
      },
      [](void* data, const XML_Char* name) {
        auto* h = static_cast<XmlHandlers*>(data);
        if (h->end) h->end(Local(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* text, int length) {
    auto* h = static_cast<XmlHandlers*>(data);
    if (h->text) h->text(absl::string_view(text, length));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE) ==
      XML_STATUS_ERROR) {
    return NotAWorkbook(absl::StrCat(part, " line ", XML_GetCurrentLineNumber(parser.get()), ": ",
                                     XML_ErrorString(XML_GetErrorCode(parser.get()))));
  }
  return absl::OkStatus();
}

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

absl::StatusOr<std::vector<SheetEntry>> Sheets(const Archive& archive) {
  ZS_ASSIGN_OR_RETURN(std::optional<std::string> xml, archive.Read("xl/workbook.xml"));
  if (!xml.has_value()) return NotAWorkbook("it has no xl/workbook.xml");
  std::vector<SheetEntry> sheets;
  XmlHandlers h;
  h.start = [&](absl::string_view name, const XML_Char** attributes) {
    if (name != "sheet") return;
    const char* sheet_name = Attribute(attributes, "name");
    const char* id = Attribute(attributes, "id");
    if (sheet_name != nullptr && id != nullptr) sheets.push_back({sheet_name, id});
  };
  ZS_RETURN_IF_ERROR(ParseXml(*xml, "xl/workbook.xml", h));
  if (sheets.empty()) return NotAWorkbook("it has no sheets");
  return sheets;
}

// The part that relationship `id` of the workbook points to.
absl::StatusOr<std::string> SheetPart(const Archive& archive, const std::string& id) {
  ZS_ASSIGN_OR_RETURN(std::optional<std::string> xml, archive.Read("xl/_rels/workbook.xml.rels"));
  if (!xml.has_value()) return NotAWorkbook("it has no xl/_rels/workbook.xml.rels");
  std::string target;
  XmlHandlers h;
  h.start = [&](absl::string_view name, const XML_Char** attributes) {
    const char* rid = Attribute(attributes, "Id");
    const char* where = Attribute(attributes, "Target");
    if (name == "Relationship" && rid != nullptr && where != nullptr && id == rid) target = where;
  };
  ZS_RETURN_IF_ERROR(ParseXml(*xml, "xl/_rels/workbook.xml.rels", h));
  if (target.empty()) return NotAWorkbook(absl::StrCat("sheet relationship ", id, " is missing"));
  // Targets are relative to xl/, or absolute from the archive's root.
  if (absl::StartsWith(target, "/")) return target.substr(1);
  return absl::StrCat("xl/", target);
}

absl::StatusOr<std::vector<std::string>> SharedStrings(const Archive& archive) {
  std::vector<std::string> strings;
  ZS_ASSIGN_OR_RETURN(std::optional<std::string> xml, archive.Read("xl/sharedStrings.xml"));
  if (!xml.has_value()) return strings;  // a workbook of numbers only
  bool in_text = false;
  int phonetic_depth = 0;  // <rPh> runs carry furigana, not the cell's text
  XmlHandlers h;
  h.start = [&](absl::string_view name, const XML_Char**) {
    if (name == "si") strings.emplace_back();
    if (name == "rPh") ++phonetic_depth;
    if (name == "t") in_text = true;
  };
  h.end = [&](absl::string_view name) {
    if (name == "rPh") --phonetic_depth;
    if (name == "t") in_text = false;
  };
  h.text = [&](absl::string_view text) {
    if (in_text && phonetic_depth == 0 && !strings.empty()) absl::StrAppend(&strings.back(), text);
  };
  ZS_RETURN_IF_ERROR(ParseXml(*xml, "xl/sharedStrings.xml", h));
  return strings;
}

// Whether a number format shows a date: the built-in date formats, or a
// custom code with day, month or year parts outside quotes and brackets.
bool IsDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
  if (code.empty()) return false;
  std::string bare;
  bool quoted = false;
  int bracket = 0;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '[') ++bracket;
    if (!quoted && bracket == 0) bare += c;
    if (!quoted && c == ']' && bracket > 0) --bracket;
  }
  const std::string lower = absl::AsciiStrToLower(bare);
  return lower.find_first_of("ymd") != std::string::npos || absl::StrContains(bare, "年") ||
         absl::StrContains(bare, "月") || absl::StrContains(bare, "日");
}

// For each cell style index (the `s` of a cell): does it show a date?
absl::StatusOr<std::vector<bool>> DateStyles(const Archive& archive) {
  std::vector<bool> dates;
  ZS_ASSIGN_OR_RETURN(std::optional<std::string> xml, archive.Read("xl/styles.xml"));
  if (!xml.has_value()) return dates;
  std::map<int, std::string> custom;
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  XmlHandlers h;
  h.start = [&](absl::string_view name, const XML_Char** attributes) {
    if (name == "numFmt") {
      const char* id = Attribute(attributes, "numFmtId");
      const char* code = Attribute(attributes, "formatCode");
      int n;
      if (id != nullptr && code != nullptr && absl::SimpleAtoi(id, &n)) custom[n] = code;
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      const char* id = Attribute(attributes, "numFmtId");
      int n = 0;
      if (id == nullptr || !absl::SimpleAtoi(id, &n)) n = 0;
      xf_formats.push_back(n);
    }
  };
  h.end = [&](absl::string_view name) {
    if (name == "cellXfs") in_cell_xfs = false;
  };
  ZS_RETURN_IF_ERROR(ParseXml(*xml, "xl/styles.xml", h));
  for (int format : xf_formats) {
    auto it = custom.find(format);
    dates.push_back(IsDateFormat(format, it == custom.end() ? "" : it->second));
  }
  return dates;
}

// "BC12" → 54 (0-based column); -1 when `reference` has no letters.
int ColumnOf(absl::string_view reference) {
  int column = 0;
  size_t i = 0;
  for (; i < reference.size() && absl::ascii_isalpha(reference[i]); ++i) {
    column = column * 26 + (absl::ascii_toupper(reference[i]) - 'A' + 1);
  }
  return i == 0 ? -1 : column - 1;
}

// An Excel serial day as YYYY-MM-DD (day 1 is 1900-01-01; Excel's
// nonexistent 1900-02-29 is day 60, so later days count from 1899-12-30).
std::optional<std::string> SerialDate(absl::string_view text) {
  double serial;
  if (!absl::SimpleAtod(text, &serial) || !std::isfinite(serial) || serial < 61 ||
      serial > 2958465) {
    return std::nullopt;
  }
  const absl::CivilDay day = absl::CivilDay(1899, 12, 30) + static_cast<int64_t>(serial);
  return absl::FormatCivilTime(day);
}

}  // namespace

bool LooksLikeZip(const std::string& bytes) { return absl::StartsWith(bytes, "PK\x03\x04"); }

absl::StatusOr<Sheet> ReadXlsx(const std::string& bytes, const std::string& sheet_name) {
  ZS_ASSIGN_OR_RETURN(std::unique_ptr<Archive> archive, Archive::Open(bytes));
  ZS_ASSIGN_OR_RETURN(std::vector<SheetEntry> sheets, Sheets(*archive));
  const SheetEntry* chosen = &sheets.front();
  if (!sheet_name.empty()) {
    chosen = nullptr;
    std::vector<std::string> names;
    for (const SheetEntry& entry : sheets) {
      names.push_back(entry.name);
      if (entry.name == sheet_name) chosen = &entry;
    }
    if (chosen == nullptr) {
      return InvalidField("sheet_name",
                          absl::StrCat("the workbook has no sheet named ", sheet_name,
                                       " (it has: ", absl::StrJoin(names, "、"), ")"));
    }
  }
  ZS_ASSIGN_OR_RETURN(std::string part, SheetPart(*archive, chosen->relationship_id));
  ZS_ASSIGN_OR_RETURN(std::vector<std::string> strings, SharedStrings(*archive));
  ZS_ASSIGN_OR_RETURN(std::vector<bool> date_styles, DateStyles(*archive));
  ZS_ASSIGN_OR_RETURN(std::optional<std::string> xml, archive->Read(part));
  if (!xml.has_value()) return NotAWorkbook(absl::StrCat("it has no ", part));

  Sheet sheet;
  sheet.name = chosen->name;
  // The cell being read: its column, type, style and text.
  struct Cell {
    int column = -1;
    std::string type;
    int style = 0;
    std::string value;        // <v>
    std::string inline_text;  // <is><t>
  } cell;
  SheetRow row;
  int next_row = 1;
  bool in_value = false, in_inline = false, in_cell = false;
  absl::Status problem;
  XmlHandlers h;
  h.start = [&](absl::string_view name, const XML_Char** attributes) {
    if (name == "row") {
      row = SheetRow();
      const char* r = Attribute(attributes, "r");
      if (r == nullptr || !absl::SimpleAtoi(r, &row.line)) row.line = next_row;
      next_row = row.line + 1;
    } else if (name == "c") {
      cell = Cell();
      in_cell = true;
      const char* r = Attribute(attributes, "r");
      cell.column = r != nullptr ? ColumnOf(r) : static_cast<int>(row.cells.size());
      if (const char* t = Attribute(attributes, "t")) cell.type = t;
      // (A style index that is no number only costs the cell its date format.)
      if (const char* s = Attribute(attributes, "s")) (void)absl::SimpleAtoi(s, &cell.style);
    } else if (name == "v" && in_cell) {
      in_value = true;
    } else if (name == "t" && in_cell) {
      in_inline = true;
    }
  };
  h.text = [&](absl::string_view text) {
    if (in_value) absl::StrAppend(&cell.value, text);
    if (in_inline) absl::StrAppend(&cell.inline_text, text);
  };
  h.end = [&](absl::string_view name) {
    if (name == "v") in_value = false;
    if (name == "t") in_inline = false;
    if (name == "c") {
      in_cell = false;
      std::string text;
      if (cell.type == "s") {
        size_t index;
        if (!absl::SimpleAtoi(cell.value, &index) || index >= strings.size()) {
          problem = NotAWorkbook(absl::StrCat("row ", row.line, " points to a missing string"));
          return;
        }
        text = strings[index];
      } else if (cell.type == "inlineStr") {
        text = cell.inline_text;
      } else if (cell.type == "b") {
        text = cell.value == "1" ? "TRUE" : "FALSE";
      } else if (cell.type == "str" || cell.type == "e") {
        text = cell.value;
      } else {  // a number, perhaps a date by its style
        text = cell.value;
        const bool date = cell.style >= 0 && static_cast<size_t>(cell.style) < date_styles.size() &&
                          date_styles[cell.style];
        if (date && !text.empty()) {
          if (std::optional<std::string> day = SerialDate(text)) text = *day;
        }
      }
      if (cell.column < 0 || cell.column > 16383) return;
      if (row.cells.size() <= static_cast<size_t>(cell.column)) row.cells.resize(cell.column + 1);
      row.cells[cell.column] = std::move(text);
    }
    if (name == "row") {
      const bool empty = std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) {
        return absl::StripAsciiWhitespace(c).empty();
      });
      if (!empty) sheet.rows.push_back(std::move(row));
      row = SheetRow();
    }
  };
  ZS_RETURN_IF_ERROR(ParseXml(*xml, part, h));
  ZS_RETURN_IF_ERROR(problem);
  return sheet;
}

}  // namespace zs::lead::import

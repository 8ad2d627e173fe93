#include "client/output.h"

#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <unistd.h>
#include <wchar.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <clocale>
#include <cstring>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/request_fields.h"
#include "common/clock.h"
#include "common/csv.h"
#include "common/errors.h"
#include "common/labels.h"
#include "common/xlsx_bytes.h"

namespace zs::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// The columns worth a row on a terminal, for the records people list most;
// other types show their first scalar fields.
const std::map<std::string, std::vector<std::string>>& UsualColumns() {
  static const auto* const kColumns = new std::map<std::string, std::vector<std::string>>{
      {"zhaoshang.lead.v1.Lead",
       {"id", "title", "status", "enterprise_id", "unit_code", "office_code", "collected_date"}},
      {"zhaoshang.lead.v1.Enterprise", {"id", "name", "industry", "type", "region"}},
      {"zhaoshang.lead.v1.Activity",
       {"id", "kind", "title", "unit_code", "office_code", "start_date", "destination"}},
      {"zhaoshang.lead.v1.FollowUp", {"id", "lead_id", "kind", "follow_up_date", "content"}},
      {"zhaoshang.project.v1.Project",
       {"id", "name", "stage", "unit_code", "leader_code", "total_investment_wan_yuan"}},
      {"zhaoshang.zsctl.v1.QueuedCall", {"seq", "method", "queued_time"}},
  };
  return *kColumns;
}

constexpr size_t kMaxDefaultColumns = 8;

std::string Cell(const Message& message, const FieldDescriptor& field, int index);

// Fields that hold a directory code (unit, office, leader, park): people
// read the directory's name. credit_code is an identifier, not one of these.
bool IsDirectoryCode(const FieldDescriptor& field) {
  static const char* const kNames[] = {"unit_code", "office_code",    "leader_code",
                                       "park_code", "commander_code", "parent_code"};
  return std::find(std::begin(kNames), std::end(kNames), field.name()) != std::end(kNames);
}

std::string MessageCell(const Message& message) {
  if (const auto* time = dynamic_cast<const google::protobuf::Timestamp*>(&message)) {
    // China Standard Time, as people in the district read a clock (-o json
    // keeps RFC 3339 UTC for scripts).
    return absl::FormatTime(
        "%Y-%m-%d %H:%M:%S",
        absl::FromUnixSeconds(time->seconds()) + absl::Nanoseconds(time->nanos()), ChinaTimeZone());
  }
  return message.ShortDebugString();
}

std::string Cell(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& r = *message.GetReflection();
  const bool rep = field.is_repeated();
  if (rep && index < 0) {
    std::vector<std::string> parts;
    for (int i = 0; i < r.FieldSize(message, &field); ++i) {
      parts.push_back(Cell(message, field, i));
    }
    return absl::StrJoin(parts, ",");
  }
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& text = rep ? r.GetRepeatedStringReference(message, &field, index, &scratch)
                                    : r.GetStringReference(message, &field, &scratch);
      if (field.type() == FieldDescriptor::TYPE_BYTES)
        return absl::StrCat("(", text.size(), " bytes)");
      if (IsDirectoryCode(field) && !text.empty()) {
        return OrgLabel(Directory::Seeded(), text);
      }
      // An aggregate row's key is a code of its dimension: an enum name, a
      // unit, a month.
      if (const auto* row = dynamic_cast<const zhaoshang::common::v1::AggregateRow*>(&message);
          row != nullptr && field.name() == "key") {
        return AggregateKeyLabel(row->group_by(), text, Directory::Seeded());
      }
      return text;  // as is: text format would quote and escape it
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto& value =
          *(rep ? r.GetRepeatedEnum(message, &field, index) : r.GetEnum(message, &field));
      return EnumValueLabel(value);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (!rep && !r.HasField(message, &field)) return "";
      return MessageCell(rep ? r.GetRepeatedMessage(message, &field, index)
                             : r.GetMessage(message, &field));
    default: {  // numbers and booleans, as protobuf's text format prints them
      std::string text;
      google::protobuf::TextFormat::PrintFieldValueToString(message, &field, rep ? index : -1,
                                                            &text);
      return text;
    }
  }
}

// Every set field, nested messages flattened to dotted names.
void Flatten(const Message& message, const std::string& prefix,
             std::vector<std::vector<std::string>>& rows) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string name = prefix + field->name();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && !field->is_repeated() &&
        field->message_type()->full_name() != "google.protobuf.Timestamp") {
      Flatten(message.GetReflection()->GetMessage(message, field), name + ".", rows);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && field->is_repeated()) {
      const int size = message.GetReflection()->FieldSize(message, field);
      for (int i = 0; i < size; ++i) {
        Flatten(message.GetReflection()->GetRepeatedMessage(message, field, i),
                absl::StrCat(name, "[", i, "]."), rows);
      }
    } else {
      rows.push_back({name, Cell(message, *field, -1)});
    }
  }
}

// The records of a list response (…Response with one repeated message
// field); null for a single record, which prints field by field.
const FieldDescriptor* ListField(const Descriptor& type) {
  if (!absl::EndsWith(type.name(), "Response") &&
      type.full_name() != "zhaoshang.zsctl.v1.SyncReport" &&
      type.full_name() != "zhaoshang.zsctl.v1.QueuedCalls") {
    return nullptr;
  }
  const FieldDescriptor* list = nullptr;
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->is_repeated() && field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (list != nullptr) return nullptr;  // two lists: not a plain list response
      list = field;
    }
  }
  return list;
}

absl::StatusOr<std::vector<std::vector<std::string>>> Rows(const Message& response,
                                                           const std::vector<std::string>& wanted) {
  std::vector<std::vector<std::string>> rows;
  const FieldDescriptor* list = ListField(*response.GetDescriptor());
  if (list == nullptr) {
    rows.push_back({"field", "value"});
    Flatten(response, "", rows);
    return rows;
  }
  const Descriptor& item = *list->message_type();
  std::vector<std::string> columns = wanted;
  if (columns.empty()) {
    if (auto it = UsualColumns().find(item.full_name()); it != UsualColumns().end()) {
      columns = it->second;
    } else {
      for (int i = 0; i < item.field_count() && columns.size() < kMaxDefaultColumns; ++i) {
        const FieldDescriptor* f = item.field(i);
        if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || !f->is_repeated()) {
          columns.push_back(f->name());
        }
      }
    }
  }
  std::vector<const FieldDescriptor*> fields;
  for (const std::string& column : columns) {
    const FieldDescriptor* field = item.FindFieldByName(column);
    if (field == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--columns: ", item.name(), " has no field ", column));
    }
    fields.push_back(field);
  }
  rows.push_back(columns);
  const Reflection& r = *response.GetReflection();
  for (int i = 0; i < r.FieldSize(response, list); ++i) {
    const Message& record = r.GetRepeatedMessage(response, list, i);
    std::vector<std::string> row;
    for (const FieldDescriptor* field : fields) row.push_back(Cell(record, *field, -1));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

bool ParseOutputFormat(absl::string_view text, OutputFormat* format) {
  if (text == "table")
    *format = OutputFormat::kTable;
  else if (text == "json")
    *format = OutputFormat::kJson;
  else if (text == "csv")
    *format = OutputFormat::kCsv;
  else if (text == "xlsx")
    *format = OutputFormat::kXlsx;
  else
    return false;
  return true;
}

size_t DisplayWidth(absl::string_view text) {
  std::mbstate_t state{};
  size_t width = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    wchar_t wc;
    size_t n = std::mbrtowc(&wc, p, end - p, &state);
    if (n == 0 || n == static_cast<size_t>(-1) || n == static_cast<size_t>(-2)) {
      state = {};
      ++p;
      ++width;  // an undecodable byte prints as one replacement column
      continue;
    }
    const int w = wcwidth(wc);
    width += w < 0 ? 1 : w;
    p += n;
  }
  return width;
}

std::string FormatTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < rows[r].size(); ++i) {
      std::string cell = r == 0 ? absl::AsciiStrToUpper(rows[r][i]) : rows[r][i];
      absl::StrAppend(&line, cell);
      if (i + 1 < rows[r].size()) line.append(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

bool IsPlainNumber(absl::string_view text) {
  double unused;
  return !text.empty() && text.find_first_not_of("0123456789.-") == absl::string_view::npos &&
         absl::SimpleAtod(text, &unused);
}

// Digits Excel would turn into a number and lose: long ones (credit codes,
// phone numbers, ids past 15 digits print as 9.14E+17) and leading zeros.
bool IsDigitIdentifier(absl::string_view text) {
  return text.size() > 1 && text.find_first_not_of("0123456789") == absl::string_view::npos &&
         (text.size() >= 11 || text[0] == '0');
}

std::string SpreadsheetSafe(const std::string& cell) {
  if (cell.empty()) return cell;
  if (IsDigitIdentifier(cell)) return absl::StrCat("=\"", cell, "\"");  // a text constant
  const char first = cell[0];
  const bool formula_like = first == '=' || first == '+' || first == '@' || first == '\t' ||
                            first == '\r' || (first == '-' && !IsPlainNumber(cell));
  return formula_like ? "'" + cell : cell;
}

std::string FormatCsv(const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark: Excel then reads UTF-8
  for (const auto& row : rows) {
    std::vector<std::string> safe;
    for (const std::string& cell : row) safe.push_back(SpreadsheetSafe(cell));
    out += CsvLine(safe);
  }
  return out;
}

absl::StatusOr<std::string> FormatXlsx(const std::vector<std::vector<std::string>>& rows) {
  return WorkbookBytes([&](lxw_workbook* workbook) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    std::vector<size_t> widths;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (widths.size() < rows[r].size()) widths.resize(rows[r].size(), 8);
      for (size_t c = 0; c < rows[r].size(); ++c) {
        const std::string& cell = rows[r][c];
        widths[c] = std::max(widths[c], std::min<size_t>(DisplayWidth(cell) + 2, 60));
        double number = 0;
        if (r > 0 && IsPlainNumber(cell) && !IsDigitIdentifier(cell) &&
            absl::SimpleAtod(cell, &number)) {
          worksheet_write_number(sheet, r, c, number, nullptr);
        } else {
          // A string cell: Excel keeps it as typed, never as a formula.
          worksheet_write_string(sheet, r, c, cell.c_str(), r == 0 ? header : nullptr);
        }
      }
    }
    for (size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(sheet, c, c, static_cast<double>(widths[c]), nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!rows.empty() && !rows[0].empty()) {
      worksheet_autofilter(sheet, 0, 0, rows.size() - 1, rows[0].size() - 1);
    }
  });
}

absl::StatusOr<std::string> Render(const Message& response, OutputFormat format,
                                   const std::vector<std::string>& columns) {
  if (format == OutputFormat::kJson) {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(response, &json, options).ok()) {
      return absl::InternalError("cannot print the response as JSON");
    }
    return json;
  }
  ZS_ASSIGN_OR_RETURN(std::vector<std::vector<std::string>> rows, Rows(response, columns));
  if (format == OutputFormat::kXlsx) return FormatXlsx(rows);
  return format == OutputFormat::kCsv ? FormatCsv(rows) : FormatTable(rows);
}

}  // namespace zs::client

#include "services/lead/import/import_plan.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/labels.h"
#include "common/sha256.h"
#include "common/text.h"

namespace zs::lead::import {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

constexpr int64_t kMaxWanYuan = 1'000'000'000;  // 10万亿元: no project is larger
constexpr size_t kHeaderSearchRows = 30;

// The services' own blanks trimmed (common/text.h): white space of every
// width, zero-width characters, byte-order marks, control characters.
std::string Trim(absl::string_view text) { return TrimText(text); }

// A header as compared: simplified characters, no spaces, no required-mark
// asterisks, no bracketed unit ("预计投资（万元）" → "预计投资").
std::string HeaderKey(absl::string_view header) {
  std::string key = Simplified(Trim(header));
  for (const char* open : {"（", "("}) {
    const size_t at = key.find(open);
    if (at != std::string::npos && at > 0) key.resize(at);
  }
  key = absl::StrReplaceAll(key, {{" ", ""},
                                  {"\xE3\x80\x80", ""},
                                  {"*", ""},
                                  {"＊", ""},
                                  {":", ""},
                                  {"：", ""},
                                  {"\n", ""},
                                  {"\r", ""}});
  return absl::AsciiStrToLower(key);
}

// 亿元, 万元 or 元 named in a header's brackets, as 万元 per unit of the column.
std::optional<int64_t> HeaderUnit(absl::string_view header) {
  const std::string text = Simplified(header);
  if (absl::StrContains(text, "亿元")) return 10'000;
  if (absl::StrContains(text, "万元") || absl::StrContains(text, "万")) return 1;
  return std::nullopt;
}

const ColumnSpec* FindSpec(ImportKind kind, const std::string& key) {
  for (const ColumnSpec& spec : Columns(kind)) {
    for (const char* header : spec.headers) {
      if (HeaderKey(header) == key) return &spec;
    }
  }
  return nullptr;
}

std::string Cell(const Sheet& sheet, const HeaderRow& header, size_t row_index,
                 const std::string& field) {
  auto it = header.fields.find(field);
  if (it == header.fields.end()) return "";
  const std::vector<std::string>& cells = sheet.rows[row_index].cells;
  return it->second < cells.size() ? Trim(cells[it->second]) : "";
}

// The enum value a person wrote: its label (simplified), its name, or the
// label without a trailing 招商/型 (以商 → 以商招商 is not guessed: only
// whole labels and names).
const google::protobuf::EnumValueDescriptor* EnumFromText(
    const google::protobuf::EnumDescriptor& type, const std::string& text) {
  if (const auto* value = EnumValueByText(type, Simplified(text))) return value;
  if (const auto* value = EnumValueByText(type, Simplified(text) + "招商")) return value;
  if (text == "其他" || text == "其它") {
    for (int i = 0; i < type.value_count(); ++i) {
      if (absl::EndsWith(type.value(i)->name(), "_OTHER")) return type.value(i);
    }
  }
  return nullptr;
}

std::string Choices(const google::protobuf::EnumDescriptor& type) {
  std::vector<std::string> labels;
  for (int i = 1; i < type.value_count(); ++i) labels.push_back(EnumValueLabel(*type.value(i)));
  return absl::StrJoin(labels, "、");
}

// A directory entry named as a person would: its code, its exact name, or
// for offices the place alone (福建办事处, 福建 → 福建驻外招商办事处).
std::optional<std::string> FindOrg(const Directory& directory, const std::string& text,
                                   std::initializer_list<OrgKind> kinds) {
  const std::string name = Simplified(text);
  if (std::optional<OrgEntry> entry = directory.Find(text)) {
    if (std::find(kinds.begin(), kinds.end(), entry->kind) != kinds.end()) return entry->code;
  }
  if (std::optional<std::string> code = OrgCodeByName(directory, name, kinds)) return code;
  if (std::find(kinds.begin(), kinds.end(), OrgKind::kRemoteOffice) != kinds.end()) {
    absl::string_view place = name;
    absl::ConsumeSuffix(&place, "办事处");
    absl::ConsumeSuffix(&place, "招商");
    absl::ConsumeSuffix(&place, "驻外");
    std::optional<std::string> found;
    for (const OrgEntry& entry : directory.entries()) {
      if (entry.kind != OrgKind::kRemoteOffice || place.empty()) continue;
      if (!absl::StartsWith(entry.name, place)) continue;
      if (found) return std::nullopt;  // two offices start so: not guessed
      found = entry.code;
    }
    return found;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// The enterprise a row names: a lead's and a visit's, under the same headers
// (declared once, so a synonym added for one import serves both).
std::vector<ColumnSpec> EnterpriseColumns() {
  return {
      {"enterprise",
       {"企业名称", "企业", "客商名称", "客商", "投资方", "投资主体", "来访企业", "拜访企业",
        "enterprise"},
       true},
      {"credit_code", {"统一社会信用代码", "社会信用代码", "信用代码", "credit_code"}, false},
      {"enterprise_type", {"企业类型", "enterprise_type"}, false},
      {"contact_name", {"联系人", "企业联系人", "对接人", "contact_name"}, false},
      {"contact_phone", {"联系电话", "电话", "手机", "联系方式", "contact_phone"}, false},
      {"region", {"所在地区", "企业所在地", "所在地", "地区", "region"}, false},
      {"industry", {"所属产业", "产业", "行业", "所属行业", "产业类别", "industry"}, false},
  };
}

// The unit or office that recorded the row.
std::vector<ColumnSpec> CollectorColumns() {
  return {
      {"unit", {"所属单位", "责任单位", "单位", "unit"}, false},
      {"office", {"办事处", "所属办事处", "驻外办事处", "office"}, false},
  };
}

// The parts in order: the template's columns follow it.
std::vector<ColumnSpec> Joined(std::initializer_list<std::vector<ColumnSpec>> parts) {
  std::vector<ColumnSpec> all;
  for (const std::vector<ColumnSpec>& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace

const std::vector<ColumnSpec>& Columns(ImportKind kind) {
  static const auto* const kLeads = new std::vector<ColumnSpec>(Joined({
      {{"title", {"项目名称", "线索名称", "项目", "线索", "招商项目", "title"}, true}},
      EnterpriseColumns(),
      {
          {"channel", {"招商方式", "招商渠道", "渠道", "线索来源", "channel"}, false},
          {"chain_action", {"链条作用", "链条", "补链延链强链", "chain_action"}, false},
          {"investment",
           {"预计投资", "投资额", "计划投资", "预计投资额", "总投资", "投资规模", "investment"},
           false},
          {"collected_date",
           {"收集日期", "日期", "收集时间", "登记日期", "获取时间", "collected_date"},
           false},
          {"owner", {"跟进责任人", "责任人", "跟进人", "owner"}, false},
          {"referrer", {"推荐人", "招商大使", "引荐人", "委托招商机构", "referrer"}, false},
      },
      CollectorColumns(),
      {{"description", {"备注", "说明", "项目简介", "项目情况", "进展情况", "description"}, false}},
  }));
  static const auto* const kActivities = new std::vector<ColumnSpec>(Joined({
      {
          {"kind", {"活动类型", "类型", "kind"}, false},
          {"title", {"来访事由", "活动名称", "事由", "主题", "活动主题", "标题", "title"}, true},
          {"date", {"来访日期", "活动日期", "日期", "开始日期", "外出日期", "date"}, true},
          {"end_date", {"结束日期", "end_date"}, false},
      },
      EnterpriseColumns(),
      {
          {"leader", {"接待领导", "带队领导", "领导", "县级领导", "leader"}, false},
          {"destination", {"目的地", "外出地点", "地点", "destination"}, false},
      },
      CollectorColumns(),
      {{"notes", {"备注", "说明", "活动情况", "notes"}, false}},
  }));
  return kind == ImportKind::kLeads ? *kLeads : *kActivities;
}

std::string Simplified(absl::string_view text) {
  static std::mutex mutex;
  static icu::Transliterator* const kToSimplified = [] {
    UErrorCode status = U_ZERO_ERROR;
    icu::Transliterator* t =
        icu::Transliterator::createInstance("Traditional-Simplified", UTRANS_FORWARD, status);
    return U_SUCCESS(status) ? t : nullptr;
  }();
  if (kToSimplified == nullptr || text.empty()) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  {
    std::lock_guard<std::mutex> lock(mutex);
    kToSimplified->transliterate(u);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

absl::StatusOr<HeaderRow> FindHeaderRow(const Sheet& sheet, ImportKind kind) {
  std::optional<HeaderRow> likeliest;
  std::vector<std::string> likeliest_missing;
  for (size_t r = 0; r < sheet.rows.size() && r < kHeaderSearchRows; ++r) {
    HeaderRow header;
    header.row_index = r;
    header.line = sheet.rows[r].line;
    for (size_t c = 0; c < sheet.rows[r].cells.size(); ++c) {
      const std::string text = Trim(sheet.rows[r].cells[c]);
      header.texts.push_back(text);
      if (text.empty()) continue;
      const ColumnSpec* spec = FindSpec(kind, HeaderKey(text));
      if (spec == nullptr || header.fields.contains(spec->field)) {
        header.unknown.push_back(text);
        continue;
      }
      header.fields[spec->field] = c;
      if (std::optional<int64_t> unit = HeaderUnit(text)) header.unit_wan_yuan[spec->field] = *unit;
    }
    if (header.fields.size() < 2) continue;
    std::vector<std::string> missing;
    for (const ColumnSpec& spec : Columns(kind)) {
      if (spec.required && !header.fields.contains(spec.field)) missing.push_back(spec.headers[0]);
    }
    if (missing.empty()) return header;
    if (!likeliest || header.fields.size() > likeliest->fields.size()) {
      likeliest = header;
      likeliest_missing = missing;
    }
  }
  if (likeliest) {
    return InvalidField("content", absl::StrCat("第", likeliest->line, "行的表头缺少必填列：",
                                                absl::StrJoin(likeliest_missing, "、")));
  }
  std::vector<std::string> required;
  for (const ColumnSpec& spec : Columns(kind)) {
    if (spec.required) required.push_back(spec.headers[0]);
  }
  return InvalidField(
      "content", absl::StrCat("找不到表头行（前", kHeaderSearchRows, "行中没有含 ",
                              absl::StrJoin(required, "、"),
                              " 等列名的行）；若是 CSV 文件，可能是编码不对，可指定 encoding"));
}

std::string HeaderText(const HeaderRow& header, const std::string& field) {
  auto it = header.fields.find(field);
  if (it != header.fields.end() && it->second < header.texts.size())
    return header.texts[it->second];
  // A column the sheet lacks goes by the template's name for it.
  for (ImportKind kind : {ImportKind::kLeads, ImportKind::kActivities}) {
    for (const ColumnSpec& spec : Columns(kind)) {
      if (field == spec.field) return spec.headers[0];
    }
  }
  return field;
}

absl::StatusOr<int64_t> ParseWanYuan(absl::string_view raw, int64_t unit_wan_yuan) {
  // 億 and 萬 as 亿 and 万: partners in Taiwan and Hong Kong write them so.
  std::string text = absl::StrReplaceAll(Simplified(Trim(raw)), {{",", ""}, {"，", ""}, {" ", ""}});
  absl::string_view number = text;
  int64_t per_unit = unit_wan_yuan;  // 万元 per unit of the number
  bool in_yuan = false;
  if (absl::ConsumeSuffix(&number, "亿元") || absl::ConsumeSuffix(&number, "亿")) {
    per_unit = 10'000;
  } else if (absl::ConsumeSuffix(&number, "万元") || absl::ConsumeSuffix(&number, "万")) {
    per_unit = 1;
  } else if (absl::ConsumeSuffix(&number, "元")) {
    in_yuan = true;
    per_unit = 1;
  }
  // Plain decimal digits only: no sign, exponent, nan or inf.
  const size_t dot = number.find('.');
  const absl::string_view whole = number.substr(0, dot);
  const absl::string_view fraction =
      dot == absl::string_view::npos ? absl::string_view() : number.substr(dot + 1);
  auto digits = [](absl::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || !digits(whole) || !digits(fraction) ||
      (dot != absl::string_view::npos && fraction.empty()) || whole.size() > 13 ||
      fraction.size() > 8) {
    return absl::InvalidArgumentError(
        absl::StrCat("“", raw, "”不是金额（可写 30000、30,000、3000万元、1.5亿）"));
  }
  // Exact: the amount in units of 10^-8 of the number's unit.
  // (Neither parse can fail: at most 13 and 8 plain digits, checked above.)
  int64_t scaled = 0;
  (void)absl::SimpleAtoi(whole, &scaled);
  std::string fraction8(fraction);
  fraction8.resize(8, '0');
  int64_t fraction_value = 0;
  (void)absl::SimpleAtoi(fraction8, &fraction_value);
  constexpr int64_t kScale = 100'000'000;
  if (scaled > kMaxWanYuan * 10'000) {
    return absl::InvalidArgumentError(absl::StrCat("“", raw, "”超出合理范围"));
  }
  // 万元 × 10^8, then whole 万元 only.
  __int128 wan_scaled = (static_cast<__int128>(scaled) * kScale + fraction_value) * per_unit;
  if (in_yuan) wan_scaled /= 10'000;  // 元 → 万元, still scaled by 10^8
  if (wan_scaled % kScale != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("“", raw, "”不是整数万元：金额以万元为单位记整数，请写到万元"));
  }
  const __int128 wan = wan_scaled / kScale;
  if (wan > kMaxWanYuan) return absl::InvalidArgumentError(absl::StrCat("“", raw, "”超出合理范围"));
  return static_cast<int64_t>(wan);
}

absl::StatusOr<std::string> ParseDate(absl::string_view raw) {
  std::string text = Trim(raw);
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "“", raw, "”不是日期（可写 2026-11-12、2026/11/12、2026.11.12 或 2026年11月12日）"));
  };
  int serial;
  if (absl::SimpleAtoi(text, &serial)) {  // an Excel day number in a cell not formatted as a date
    if (serial < 36526 || serial > 73415) return bad();  // 2000-01-01 .. 2100-12-31
    return absl::FormatCivilTime(absl::CivilDay(1899, 12, 30) + serial);
  }
  text = absl::StrReplaceAll(text, {{"年", "-"}, {"月", "-"}, {"日", ""}, {"/", "-"}, {".", "-"}});
  // A time after the date (2026-11-12 00:00:00) is dropped.
  if (const size_t space = text.find(' '); space != std::string::npos) text.resize(space);
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  int year, month, day;
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    return bad();
  }
  const absl::CivilDay date(year, month, day);
  if (date.year() != year || date.month() != month || date.day() != day || year < 2000 ||
      year > 2100) {
    return bad();
  }
  return absl::FormatCivilTime(date);
}

std::string PlannedRow::RequestId(ImportKind kind) const {
  const std::string content = absl::StrCat(
      MessageFingerprint(enterprise, {}), "|",
      kind == ImportKind::kLeads ? MessageFingerprint(lead, {}) : MessageFingerprint(activity, {}),
      "|", referrer_text);
  return absl::StrCat("import-", kind == ImportKind::kLeads ? "lead-" : "activity-",
                      Sha256Hex(content).substr(0, 40));
}

PlannedRow PlanRow(const Sheet& sheet, const HeaderRow& header, size_t row_index, ImportKind kind,
                   const Directory& directory, const std::string& default_collector) {
  PlannedRow plan;
  plan.line = sheet.rows[row_index].line;
  auto get = [&](const std::string& field) { return Cell(sheet, header, row_index, field); };
  auto problem = [&](const std::string& field, std::string message) {
    plan.problems.push_back({HeaderText(header, field), std::move(message)});
  };
  for (const ColumnSpec& spec : Columns(kind)) {
    if (spec.required && get(spec.field).empty()) problem(spec.field, "不能为空");
  }

  // The enterprise.
  v1::Enterprise& e = plan.enterprise;
  e.set_name(get("enterprise"));
  e.set_credit_code(absl::AsciiStrToUpper(get("credit_code")));
  e.set_contact_name(get("contact_name"));
  e.set_region(get("region"));
  const std::string phone = get("contact_phone");
  if (absl::StrContains(phone, "E+") || absl::StrContains(phone, "e+")) {
    problem("contact_phone",
            absl::StrCat("“", phone, "”被 Excel 存成了数字，请把该列设为文本后重填"));
  }
  e.set_contact_phone(phone);
  if (const std::string type = get("enterprise_type"); !type.empty()) {
    const auto* value = EnumFromText(*cv1::EnterpriseType_descriptor(), type);
    if (value == nullptr) {
      problem("enterprise_type", absl::StrCat("“", type, "”不是企业类型（",
                                              Choices(*cv1::EnterpriseType_descriptor()), "）"));
    } else {
      e.set_type(static_cast<cv1::EnterpriseType>(value->number()));
    }
  }
  e.set_industry(cv1::INDUSTRY_OTHER);
  if (const std::string industry = get("industry"); !industry.empty()) {
    const auto* value = EnumFromText(*cv1::Industry_descriptor(), industry);
    if (value == nullptr) {
      problem("industry", absl::StrCat("“", industry, "”不是产业（",
                                       Choices(*cv1::Industry_descriptor()), "）"));
    } else {
      e.set_industry(static_cast<cv1::Industry>(value->number()));
    }
  }

  // Who collected or organised it: a unit or an office, by name or code.
  std::string unit, office;
  const std::string unit_text = get("unit"), office_text = get("office");
  if (!unit_text.empty()) {
    std::optional<std::string> code =
        FindOrg(directory, unit_text,
                {OrgKind::kTown, OrgKind::kPark, OrgKind::kDepartment, OrgKind::kSmallTeam});
    // An office written in the unit column is still an office.
    if (!code) code = FindOrg(directory, unit_text, {OrgKind::kRemoteOffice});
    if (!code) {
      problem("unit", absl::StrCat("目录中没有名为“", unit_text, "”的责任单位"));
    } else if (directory.IsOffice(*code)) {
      office = *code;
    } else {
      unit = *code;
    }
  }
  if (!office_text.empty()) {
    std::optional<std::string> code = FindOrg(directory, office_text, {OrgKind::kRemoteOffice});
    if (!code) {
      problem("office", absl::StrCat("目录中没有名为“", office_text, "”的驻外办事处"));
    } else if (!unit.empty()) {
      problem("office", "已填所属单位，办事处与单位只填其一");
    } else {
      office = *code;
    }
  }
  if (unit.empty() && office.empty() && unit_text.empty() && office_text.empty()) {
    if (directory.IsOffice(default_collector)) {
      office = default_collector;
    } else if (!default_collector.empty()) {
      unit = default_collector;
    } else {
      problem(header.fields.contains("office") ? "office" : "unit",
              "请填写所属单位或办事处（导入人未绑定单位）");
    }
  }

  if (kind == ImportKind::kLeads) {
    v1::Lead& lead = plan.lead;
    lead.set_title(get("title"));
    lead.set_industry(e.industry());
    lead.set_unit_code(unit);
    lead.set_office_code(office);
    lead.set_follow_up_owner(get("owner"));
    lead.set_description(get("description"));
    if (const std::string channel = get("channel"); !channel.empty()) {
      const auto* value = EnumFromText(*cv1::Channel_descriptor(), channel);
      if (value == nullptr) {
        problem("channel", absl::StrCat("“", channel, "”不是招商方式（",
                                        Choices(*cv1::Channel_descriptor()), "）"));
      } else {
        lead.set_channel(static_cast<cv1::Channel>(value->number()));
      }
    } else {
      // Unsaid, an office's lead came by resident promotion, a unit's by its small team.
      lead.set_channel(office.empty() ? cv1::CHANNEL_SMALL_TEAM : cv1::CHANNEL_RESIDENT_OFFICE);
    }
    if (const std::string chain = get("chain_action"); !chain.empty()) {
      const auto* value = EnumFromText(*cv1::ChainAction_descriptor(), chain);
      if (value == nullptr) {
        problem("chain_action", absl::StrCat("“", chain, "”不是链条作用（",
                                             Choices(*cv1::ChainAction_descriptor()), "）"));
      } else {
        lead.set_chain_action(static_cast<cv1::ChainAction>(value->number()));
      }
    }
    if (const std::string amount = get("investment"); !amount.empty()) {
      auto unit_it = header.unit_wan_yuan.find("investment");
      absl::StatusOr<int64_t> wan =
          ParseWanYuan(amount, unit_it == header.unit_wan_yuan.end() ? 1 : unit_it->second);
      if (!wan.ok()) {
        problem("investment", std::string(wan.status().message()));
      } else {
        lead.set_estimated_investment_wan_yuan(*wan);
      }
    }
    if (const std::string date = get("collected_date"); !date.empty()) {
      absl::StatusOr<std::string> day = ParseDate(date);
      if (!day.ok()) {
        problem("collected_date", std::string(day.status().message()));
      } else {
        lead.set_collected_date(*day);
      }
    }
    plan.referrer_text = get("referrer");
    return plan;
  }

  v1::Activity& activity = plan.activity;
  activity.set_kind(v1::ACTIVITY_KIND_MERCHANT_VISIT);
  if (const std::string kind_text = get("kind"); !kind_text.empty()) {
    const auto* value = EnumFromText(*v1::ActivityKind_descriptor(), kind_text);
    if (value == nullptr) {
      problem("kind", absl::StrCat("“", kind_text, "”不是活动类型（",
                                   Choices(*v1::ActivityKind_descriptor()), "）"));
    } else {
      activity.set_kind(static_cast<v1::ActivityKind>(value->number()));
    }
  }
  activity.set_title(get("title"));
  activity.set_unit_code(unit);
  activity.set_office_code(office);
  activity.set_destination(get("destination"));
  activity.set_notes(get("notes"));
  if (const std::string date = get("date"); !date.empty()) {
    absl::StatusOr<std::string> day = ParseDate(date);
    if (!day.ok()) {
      problem("date", std::string(day.status().message()));
    } else {
      activity.set_start_date(*day);
      activity.set_end_date(*day);
    }
  }
  if (const std::string date = get("end_date"); !date.empty()) {
    absl::StatusOr<std::string> day = ParseDate(date);
    if (!day.ok()) {
      problem("end_date", std::string(day.status().message()));
    } else {
      activity.set_end_date(*day);
    }
  }
  if (const std::string leader = get("leader"); !leader.empty()) {
    std::optional<std::string> code = FindOrg(directory, leader, {OrgKind::kLeader});
    if (!code) {
      problem("leader", absl::StrCat("目录中没有名为“", leader, "”的县级领导"));
    } else {
      activity.set_leader_code(*code);
    }
  }
  return plan;
}

}  // namespace zs::lead::import

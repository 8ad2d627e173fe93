#include "common/labels.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs {
namespace {

namespace cv1 = ::zhaoshang::common::v1;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;

bool Zh(LabelLanguage language) { return language == LabelLanguage::kZh; }

std::string NotSet(LabelLanguage language) { return Zh(language) ? "未填写" : "not set"; }

// The value's name without its enum's prefix: INDUSTRY_MEDICAL_DEVICES →
// MEDICAL_DEVICES (nested Kind enums have no prefix).
absl::string_view ShortName(const EnumValueDescriptor& value) {
  absl::string_view name = value.name();
  std::string prefix;
  for (char c : value.type()->name()) {
    if (absl::ascii_isupper(c) && !prefix.empty()) prefix += '_';
    prefix += absl::ascii_toupper(c);
  }
  absl::ConsumePrefix(&name, prefix + "_");
  return name;
}

std::string MonthLabel(absl::string_view key, LabelLanguage language) {
  int year = 0;
  int month = 0;
  if (key.size() != 7 || key[4] != '-' || !absl::SimpleAtoi(key.substr(0, 4), &year) ||
      !absl::SimpleAtoi(key.substr(5, 2), &month) || month < 1 || month > 12) {
    return std::string(key);
  }
  if (Zh(language)) return absl::StrCat(year, "年", month, "月");
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return absl::StrCat(kMonths[month - 1], " ", year);
}

std::string BandLabel(absl::string_view key, LabelLanguage language) {
  if (key == "all") return Zh(language) ? "全部" : "all";
  if (key == "ge_1yi") return Zh(language) ? "亿元以上" : "CNY 100 million or more";
  if (key == "ge_10yi") return Zh(language) ? "10亿元以上" : "CNY 1 billion or more";
  return std::string(key);
}

}  // namespace

std::string EnumValueLabel(const EnumValueDescriptor& value, LabelLanguage language) {
  if (value.number() == 0) return NotSet(language);
  if (!value.options().HasExtension(cv1::label)) return value.name();
  const cv1::Label& label = value.options().GetExtension(cv1::label);
  return Zh(language) ? label.zh() : label.en();
}

std::optional<std::string> EnumNameLabel(const EnumDescriptor& type, absl::string_view name,
                                         LabelLanguage language) {
  const EnumValueDescriptor* value = type.FindValueByName(std::string(name));
  if (value == nullptr) return std::nullopt;
  return EnumValueLabel(*value, language);
}

const EnumValueDescriptor* EnumValueByText(const EnumDescriptor& type, absl::string_view text) {
  const absl::string_view wanted = absl::StripAsciiWhitespace(text);
  if (wanted.empty()) return nullptr;
  for (int i = 0; i < type.value_count(); ++i) {
    const EnumValueDescriptor& value = *type.value(i);
    if (value.number() == 0) continue;
    const cv1::Label& label = value.options().GetExtension(cv1::label);
    if (wanted == label.zh() || absl::EqualsIgnoreCase(wanted, label.en()) ||
        absl::EqualsIgnoreCase(wanted, value.name()) ||
        absl::EqualsIgnoreCase(wanted, ShortName(value))) {
      return &value;
    }
  }
  return nullptr;
}

std::string OrgLabel(const Directory& directory, absl::string_view code, LabelLanguage language) {
  if (code.empty() || code == "none") return NotSet(language);
  std::optional<OrgEntry> entry = directory.Find(code);
  return entry ? entry->name : std::string(code);
}

std::optional<std::string> OrgCodeByName(const Directory& directory, absl::string_view name,
                                         std::initializer_list<OrgKind> kinds) {
  const absl::string_view wanted = absl::StripAsciiWhitespace(name);
  std::optional<std::string> found;
  for (const OrgEntry& entry : directory.entries()) {
    if (entry.name != wanted) continue;
    if (std::find(kinds.begin(), kinds.end(), entry.kind) == kinds.end()) continue;
    if (found) return std::nullopt;  // two entries share the name: the caller must use a code
    found = entry.code;
  }
  return found;
}

std::string AggregateKeyLabel(cv1::GroupBy group_by, absl::string_view key,
                              const Directory& directory, LabelLanguage language) {
  if (key == "total") return Zh(language) ? "合计" : "total";
  if (key == "none") return NotSet(language);
  auto enum_label = [&](std::initializer_list<const EnumDescriptor*> types) {
    for (const EnumDescriptor* type : types) {
      if (std::optional<std::string> label = EnumNameLabel(*type, key, language)) return *label;
    }
    return std::string(key);
  };
  switch (group_by) {
    case cv1::GROUP_BY_UNIT:
    case cv1::GROUP_BY_OFFICE:
    case cv1::GROUP_BY_PARK:
    case cv1::GROUP_BY_LEADER:
      return OrgLabel(directory, key, language);
    case cv1::GROUP_BY_INDUSTRY:
      return enum_label({cv1::Industry_descriptor()});
    case cv1::GROUP_BY_CHANNEL:
      return enum_label({cv1::Channel_descriptor()});
    case cv1::GROUP_BY_CHAIN_ACTION:
      return enum_label({cv1::ChainAction_descriptor()});
    case cv1::GROUP_BY_STAGE:
      return enum_label({zhaoshang::lead::v1::LeadStatus_descriptor(),
                         zhaoshang::project::v1::Stage_descriptor()});
    case cv1::GROUP_BY_ACTIVITY_KIND:
      return enum_label({zhaoshang::lead::v1::ActivityKind_descriptor()});
    case cv1::GROUP_BY_MONTH:
      return MonthLabel(key, language);
    case cv1::GROUP_BY_INVESTMENT_BAND:
      return BandLabel(key, language);
    case cv1::GROUP_BY_ACTIVITY:
      return Zh(language) ? absl::StrCat("活动#", key) : absl::StrCat("event #", key);
    default:
      return std::string(key);
  }
}

}  // namespace zs

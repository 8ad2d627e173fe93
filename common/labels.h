// What a person reads instead of a code: every export, bulletin and client
// table turns enum values, directory codes and aggregate keys into words
// here, and nowhere else.
//
// Enum labels come from the contracts themselves (the
// `(zhaoshang.common.v1.label)` option on each enum value, read through the
// generated descriptors), so a value added without a label fails
// labels_test rather than printing `INDUSTRY_FOO` to a leader. Units,
// offices, leaders and parks are named by the Directory a caller passes:
// the live one a service follows, or the seeded district.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "common/directory.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs {

enum class LabelLanguage { kZh, kEn };

// The value's label; "未填写" / "not set" for the zero value; the value's
// name only if its option is missing (labels_test keeps that from shipping).
std::string EnumValueLabel(const google::protobuf::EnumValueDescriptor& value,
                           LabelLanguage language = LabelLanguage::kZh);

template <typename Enum>
std::string EnumLabel(Enum value, LabelLanguage language = LabelLanguage::kZh) {
  const google::protobuf::EnumValueDescriptor* d =
      google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(static_cast<int>(value));
  return d == nullptr ? std::to_string(static_cast<int>(value)) : EnumValueLabel(*d, language);
}

// The label of the value named `name` (the full name, `INDUSTRY_OTHER`) in
// `type`; nullopt when `type` has no such value.
std::optional<std::string> EnumNameLabel(const google::protobuf::EnumDescriptor& type,
                                         absl::string_view name,
                                         LabelLanguage language = LabelLanguage::kZh);

// The value of `type` that `text` names as a person would write it: its
// Chinese or English label, its full or short name in any case
// (`医疗器械`, `Medical devices`, `INDUSTRY_MEDICAL_DEVICES`,
// `medical_devices`). Null when nothing matches; never the zero value.
const google::protobuf::EnumValueDescriptor* EnumValueByText(
    const google::protobuf::EnumDescriptor& type, absl::string_view text);

// The directory's name for a unit, office, leader or park code; the code
// itself when the directory does not know it (a unit deleted since), and
// "未填写" / "not set" for an empty code. Directory names are Chinese in
// both languages: the district keeps no English names.
std::string OrgLabel(const Directory& directory, absl::string_view code,
                     LabelLanguage language = LabelLanguage::kZh);

// The code of the directory entry named `name` (exact, after trimming), of
// one of `kinds`; nullopt when none or when two entries share the name.
std::optional<std::string> OrgCodeByName(const Directory& directory, absl::string_view name,
                                         std::initializer_list<OrgKind> kinds);

// A key of an aggregate row (zhaoshang.common.v1.AggregateRow.key) grouped
// by `group_by`, as a person reads it: enum names by their labels, codes by
// directory names, `2026-03` as 2026年3月, investment bands as 亿元以上 …,
// `none` as 未填写, `total` as 合计, activity ids as 活动#12.
std::string AggregateKeyLabel(zhaoshang::common::v1::GroupBy group_by, absl::string_view key,
                              const Directory& directory,
                              LabelLanguage language = LabelLanguage::kZh);

}  // namespace zs

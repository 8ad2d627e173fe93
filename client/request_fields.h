// Command-line flags for any request message, derived from its descriptor:
// every scalar, enum, FieldMask and Timestamp field reachable through
// singular messages gets a flag named by its path in kebab case
// (--lead.enterprise-id), and also by its own name when that is unambiguous
// (--enterprise-id). Enums take their value names with or without the type's
// prefix, in any case (--status new, --industry MEDICAL_DEVICES).
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace zs::client {

struct FieldFlag {
  std::string name;   // without the leading dashes
  std::string alias;  // short form, or empty
  std::string path;   // proto path: lead.enterprise_id
  std::string help;   // type and allowed values
  bool repeated = false;
  bool boolean = false;  // a switch: --overdue-only, --overdue-only=false
  const google::protobuf::FieldDescriptor* field = nullptr;
};

std::vector<FieldFlag> FlagsFor(const google::protobuf::Descriptor& request);

// Sets the field at `path` (dotted proto field names) from text; for a
// repeated field each value is appended. INVALID_ARGUMENT names the flag.
absl::Status SetField(google::protobuf::Message& message, const std::string& path,
                      const std::vector<std::string>& values);

// An enum value by its full name, by its name without the prefix its values
// share, case-insensitively, or by number; null when none matches.
const google::protobuf::EnumValueDescriptor* FindEnumValue(
    const google::protobuf::EnumDescriptor& type, const std::string& text);

// The enum value's name without the shared prefix: LEAD_STATUS_NEW → NEW.
std::string ShortEnumName(const google::protobuf::EnumValueDescriptor& value);

}  // namespace zs::client

#include "client/request_fields.h"

#include <google/protobuf/field_mask.pb.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/time_util.h>

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"

namespace zs::client {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::EnumValueDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kMaxDepth = 3;

bool IsWellKnownLeaf(const Descriptor& type) {
  return type.full_name() == "google.protobuf.FieldMask" ||
         type.full_name() == "google.protobuf.Timestamp";
}

std::string Kebab(const std::string& name) { return absl::StrReplaceAll(name, {{"_", "-"}}); }

// The prefix every value of `type` shares, e.g. "LEAD_STATUS_".
std::string SharedPrefix(const EnumDescriptor& type) {
  std::string prefix = type.value(0)->name();
  for (int i = 1; i < type.value_count(); ++i) {
    const std::string& name = type.value(i)->name();
    size_t n = 0;
    while (n < prefix.size() && n < name.size() && prefix[n] == name[n]) ++n;
    prefix.resize(n);
  }
  return prefix.substr(0, prefix.rfind('_') + 1);
}

std::string HelpFor(const FieldDescriptor& field) {
  if (field.type() == FieldDescriptor::TYPE_ENUM) {
    std::vector<std::string> names;
    for (int i = 0; i < field.enum_type()->value_count(); ++i) {
      if (field.enum_type()->value(i)->number() != 0) {
        names.push_back(absl::AsciiStrToLower(ShortEnumName(*field.enum_type()->value(i))));
      }
    }
    return absl::StrCat("one of ", absl::StrJoin(names, "|"));
  }
  if (field.type() == FieldDescriptor::TYPE_MESSAGE) {
    return field.message_type()->full_name() == "google.protobuf.FieldMask"
               ? "comma-separated field paths"
               : "RFC 3339 time, e.g. 2026-06-30T16:00:00Z";
  }
  return field.type_name();
}

void Collect(const Descriptor& type, const std::string& prefix, int depth,
             std::vector<FieldFlag>& flags) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor& field = *type.field(i);
    const std::string path = prefix.empty() ? field.name() : prefix + "." + field.name();
    const bool message = field.type() == FieldDescriptor::TYPE_MESSAGE;
    if (message && !IsWellKnownLeaf(*field.message_type())) {
      if (!field.is_repeated() && !field.is_map() && depth < kMaxDepth) {
        Collect(*field.message_type(), path, depth + 1, flags);
      }
      continue;
    }
    flags.push_back({.name = Kebab(path),
                     .alias = "",  // set below once all names are known
                     .path = path,
                     .help = HelpFor(field) + (field.is_repeated() ? " (repeatable)" : ""),
                     .repeated = field.is_repeated(),
                     .boolean = field.type() == FieldDescriptor::TYPE_BOOL && !field.is_repeated(),
                     .field = &field});
  }
}

class QuietErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, google::protobuf::io::ColumnNumber, const std::string&) override {}
};

absl::Status SetScalar(Message& message, const FieldDescriptor& field, const std::string& text) {
  const Reflection& reflection = *message.GetReflection();
  const bool repeated = field.is_repeated();
  auto bad = [&](absl::string_view what) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", Kebab(field.name()), ": ", what, " (got \"", text, "\")"));
  };
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? reflection.AddString(&message, &field, text)
               : reflection.SetString(&message, &field, text);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_ENUM: {
      const EnumValueDescriptor* value = FindEnumValue(*field.enum_type(), text);
      if (value == nullptr) return bad(HelpFor(field));
      repeated ? reflection.AddEnum(&message, &field, value)
               : reflection.SetEnum(&message, &field, value);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* target = repeated ? reflection.AddMessage(&message, &field)
                                 : reflection.MutableMessage(&message, &field);
      if (auto* mask = dynamic_cast<google::protobuf::FieldMask*>(target)) {
        for (absl::string_view path : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
          mask->add_paths(std::string(absl::StripAsciiWhitespace(path)));
        }
        return absl::OkStatus();
      }
      if (auto* time = dynamic_cast<google::protobuf::Timestamp*>(target)) {
        if (!google::protobuf::util::TimeUtil::FromString(text, time)) return bad(HelpFor(field));
        return absl::OkStatus();
      }
      return bad("not settable from the command line; use --data");
    }
    default: {  // numbers and booleans, read as protobuf's text format reads them
      google::protobuf::TextFormat::Parser parser;
      QuietErrors errors;  // the message below says it once, without a log line
      parser.RecordErrorsTo(&errors);
      if (!parser.ParseFieldValueFromString(text, &field, &message)) {
        return bad(
            absl::StrCat("expected ", field.type_name() == std::string("bool")
                                          ? "true or false"
                                          : absl::StrCat("a number (", field.type_name(), ")")));
      }
      return absl::OkStatus();
    }
  }
}

}  // namespace

std::string ShortEnumName(const EnumValueDescriptor& value) {
  return value.name().substr(SharedPrefix(*value.type()).size());
}

const EnumValueDescriptor* FindEnumValue(const EnumDescriptor& type, const std::string& text) {
  const std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  if (const EnumValueDescriptor* v = type.FindValueByName(upper)) return v;
  if (const EnumValueDescriptor* v = type.FindValueByName(SharedPrefix(type) + upper)) return v;
  int number;
  if (absl::SimpleAtoi(upper, &number)) return type.FindValueByNumber(number);
  return nullptr;
}

std::vector<FieldFlag> FlagsFor(const Descriptor& request) {
  std::vector<FieldFlag> flags;
  Collect(request, "", 1, flags);
  // A short alias for a nested field whose own name no other flag uses.
  std::map<std::string, int> leaf_uses;
  for (const FieldFlag& flag : flags) ++leaf_uses[flag.name.substr(flag.name.rfind('.') + 1)];
  for (FieldFlag& flag : flags) {
    const std::string leaf = flag.name.substr(flag.name.rfind('.') + 1);
    if (leaf != flag.name && leaf_uses[leaf] == 1) flag.alias = leaf;
  }
  return flags;
}

absl::Status SetField(Message& message, const std::string& path,
                      const std::vector<std::string>& values) {
  Message* target = &message;
  const FieldDescriptor* field = nullptr;
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    field = target->GetDescriptor()->FindFieldByName(parts[i]);
    if (field == nullptr) return absl::InvalidArgumentError(absl::StrCat("no field ", path));
    if (i + 1 < parts.size()) target = target->GetReflection()->MutableMessage(target, field);
  }
  if (!field->is_repeated() && values.size() > 1) {
    return absl::InvalidArgumentError(absl::StrCat("--", Kebab(path), " takes one value"));
  }
  if (field->is_repeated()) target->GetReflection()->ClearField(target, field);
  for (const std::string& value : values) {
    if (absl::Status set = SetScalar(*target, *field, value); !set.ok()) return set;
  }
  return absl::OkStatus();
}

}  // namespace zs::client

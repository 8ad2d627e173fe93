#include "client/queued_change.h"

#include <google/protobuf/descriptor.h>

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/request_fields.h"

namespace zs::client {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The dates the contracts document as "defaults to today" on create.
constexpr const char* kDatedByArrival[] = {"collected_date", "follow_up_date"};

// At most this many fields describe a change: enough to tell it apart.
constexpr size_t kDescribedFields = 5;

// Fields that say nothing a person recognises a change by.
bool Unremarkable(const FieldDescriptor& field) {
  return field.name() == "request_id" || field.name() == "etag" || field.name() == "update_mask" ||
         field.name() == "description" || field.name() == "notes";
}

void Describe(const Message& message, const std::string& prefix,
              const std::map<std::string, std::string>& referenced,
              std::vector<std::string>& parts) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    if (parts.size() >= kDescribedFields) return;
    if (Unremarkable(*field)) continue;
    const std::string path = prefix + field->name();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (!field->is_repeated()) {
        Describe(message.GetReflection()->GetMessage(message, field), path + ".", referenced,
                 parts);
      }
      continue;
    }
    std::string value;
    const auto& r = *message.GetReflection();
    if (field->is_repeated()) {
      value = absl::StrCat("[", r.FieldSize(message, field), "]");
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      value = r.GetString(message, field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
      value = absl::AsciiStrToLower(ShortEnumName(*r.GetEnum(message, field)));
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT64) {
      value = absl::StrCat(r.GetInt64(message, field));
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_INT32) {
      value = absl::StrCat(r.GetInt32(message, field));
    } else {
      continue;
    }
    parts.push_back(absl::StrCat(field->name(), "=", value));
  }
  // Referenced fields are unset until sync: shown by their reference.
  if (prefix.empty()) {
    for (const auto& [path, values] : referenced) {
      parts.push_back(absl::StrCat(path.substr(path.rfind('.') + 1), "=", values));
    }
  }
}

}  // namespace

bool IsReference(const std::string& value) { return absl::StartsWith(value, "@"); }

absl::StatusOr<std::vector<std::string>> ResolveReferences(Message& request,
                                                           const QueuedReferences& references,
                                                           const Journal& journal) {
  std::vector<std::string> waiting;
  for (const auto& reference : references) {
    std::vector<std::string> values;
    bool complete = true;
    for (const std::string& value : reference.values()) {
      if (!IsReference(value)) {
        values.push_back(value);
        continue;
      }
      const int64_t id = journal.LookUpReference(value.substr(1));
      if (id == 0) {
        waiting.push_back(value);
        complete = false;
      }
      values.push_back(absl::StrCat(id));
    }
    if (!complete) continue;
    if (absl::Status set = SetField(request, reference.field(), values); !set.ok()) return set;
  }
  return waiting;
}

void StampBusinessDates(Message& request, const std::string& today) {
  const auto& type = *request.GetDescriptor();
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* body = type.field(i);
    if (body->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || body->is_repeated()) continue;
    Message* record = request.GetReflection()->MutableMessage(&request, body);
    for (const char* name : kDatedByArrival) {
      const FieldDescriptor* date = record->GetDescriptor()->FindFieldByName(name);
      if (date == nullptr || date->type() != FieldDescriptor::TYPE_STRING) continue;
      if (record->GetReflection()->GetString(*record, date).empty()) {
        record->GetReflection()->SetString(record, date, today);
      }
    }
  }
}

std::string DescribeChange(const Message& request, const QueuedReferences& references) {
  std::map<std::string, std::string> referenced;
  for (const auto& reference : references) {
    referenced[reference.field()] = absl::StrJoin(reference.values(), ",");
  }
  std::vector<std::string> parts;
  Describe(request, "", referenced, parts);
  return absl::StrJoin(parts, " ");
}

int64_t CreatedId(const Message& response) {
  const FieldDescriptor* id = response.GetDescriptor()->FindFieldByName("id");
  if (id == nullptr || id->cpp_type() != FieldDescriptor::CPPTYPE_INT64 || id->is_repeated()) {
    return 0;
  }
  return response.GetReflection()->GetInt64(response, id);
}

}  // namespace zs::client

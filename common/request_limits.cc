#include "common/request_limits.h"

#include <google/protobuf/descriptor.pb.h>

#include <cmath>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/page_token.h"
#include "common/validation.h"

namespace zs {
namespace {

using google::protobuf::FieldDescriptor;

absl::Status CheckFinite(const std::string& path, double value) {
  if (std::isfinite(value)) return absl::OkStatus();
  return InvalidField(path, "must be a finite number");
}

bool IsDateField(const FieldDescriptor& field) {
  const std::string& name = field.name();
  return field.type() == FieldDescriptor::TYPE_STRING &&
         (name == "date" || absl::EndsWith(name, "_date") || absl::EndsWith(name, "_dates") ||
          name == "working_weekends");
}

absl::Status CheckScalar(const FieldDescriptor& field, const std::string& path,
                         const google::protobuf::Message& message, int index) {
  const auto* reflection = message.GetReflection();
  const bool repeated = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return CheckFinite(path, repeated ? reflection->GetRepeatedDouble(message, &field, index)
                                        : reflection->GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return CheckFinite(path, repeated ? reflection->GetRepeatedFloat(message, &field, index)
                                        : reflection->GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_ENUM: {
      const int value = repeated ? reflection->GetRepeatedEnumValue(message, &field, index)
                                 : reflection->GetEnumValue(message, &field);
      if (field.enum_type()->FindValueByNumber(value) == nullptr) {
        return InvalidField(path, absl::StrCat("unknown value ", value));
      }
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_STRING: {
      if (!IsDateField(field)) return absl::OkStatus();
      const std::string value = repeated ? reflection->GetRepeatedString(message, &field, index)
                                         : reflection->GetString(message, &field);
      return value.empty() ? absl::OkStatus() : ValidateDate(path, value);
    }
    default:
      return absl::OkStatus();
  }
}

absl::Status Check(const google::protobuf::Message& message, const std::string& prefix) {
  const auto* reflection = message.GetReflection();
  // A map entry's key and value are reported as the map field.
  const bool map_entry = message.GetDescriptor()->options().map_entry();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string path = map_entry        ? prefix
                             : prefix.empty() ? field->name()
                                              : absl::StrCat(prefix, ".", field->name());
    const bool nested = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(message, field);
      if (size > kMaxRepeatedEntries) {
        return InvalidField(path, absl::StrCat("holds ", size, " entries; at most ",
                                               kMaxRepeatedEntries, " are accepted in one call"));
      }
      for (int i = 0; i < size; ++i) {
        ZS_RETURN_IF_ERROR(nested ? Check(reflection->GetRepeatedMessage(message, field, i), path)
                                  : CheckScalar(*field, path, message, i));
      }
    } else {
      ZS_RETURN_IF_ERROR(nested ? Check(reflection->GetMessage(message, field), path)
                                : CheckScalar(*field, path, message, 0));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateRequestLimits(const google::protobuf::Message& request) {
  const auto* type = request.GetDescriptor();
  const auto* reflection = request.GetReflection();
  const FieldDescriptor* size = type->FindFieldByName("page_size");
  const FieldDescriptor* token = type->FindFieldByName("page_token");
  if (size != nullptr && size->cpp_type() == FieldDescriptor::CPPTYPE_INT32 && token != nullptr &&
      token->type() == FieldDescriptor::TYPE_STRING) {
    ZS_RETURN_IF_ERROR(ValidatePageFields(reflection->GetInt32(request, size),
                                          reflection->GetString(request, token)));
  }
  return Check(request, "");
}

}  // namespace zs

#include "services/gateway/transcode.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <shared_mutex>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace zs::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

const FieldDescriptor* FindField(const Descriptor* type, absl::string_view name) {
  const FieldDescriptor* field = type->FindFieldByName(std::string(name));
  if (field == nullptr) field = type->FindFieldByCamelcaseName(std::string(name));
  if (field == nullptr) {  // json_name may differ from lowerCamel
    for (int i = 0; i < type->field_count(); ++i) {
      if (type->field(i)->json_name() == name) return type->field(i);
    }
  }
  return field;
}

// The JSON string literal of `text`.
std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      absl::StrAppend(&out, "\\u00", absl::BytesToHexString(std::string(1, static_cast<char>(c))));
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// "INVALID_ARGUMENT:(lead.title): invalid value 5 for type TYPE_STRING" and
// "INVALID_ARGUMENT:(lead) foo: Cannot find field." → the field and what is wrong.
BadInput FromJsonError(absl::string_view message, absl::string_view prefix) {
  std::string text(message);
  if (const size_t colon = text.find(':');
      colon != std::string::npos && text.compare(0, colon, "INVALID_ARGUMENT") == 0) {
    text = text.substr(colon + 1);
  }
  while (!text.empty() && (text.front() == ':' || text.front() == ' ')) text.erase(0, 1);
  static const std::regex kWithPath(R"(^\(([^)]*)\)\s*([A-Za-z0-9_]*):?\s*([\s\S]*)$)");
  static const std::regex kRootField(R"(^([A-Za-z0-9_]+): (Cannot find field[\s\S]*)$)");
  std::smatch m;
  std::string field, description = text;
  if (std::regex_match(text, m, kWithPath)) {
    field = m[1].str();
    if (m[2].length() > 0)
      field = field.empty() ? m[2].str() : absl::StrCat(field, ".", m[2].str());
    description = m[3].str();
  } else if (std::regex_match(text, m, kRootField)) {
    field = m[1].str();
    description = m[2].str();
  }
  if (absl::StartsWith(description, "Cannot find field")) description = "unknown field";
  // Cut the parser's position marker ("\n^") off syntax errors.
  if (const size_t newline = description.find('\n'); newline != std::string::npos) {
    description.resize(newline);
  }
  if (!prefix.empty())
    field = field.empty() ? std::string(prefix) : absl::StrCat(prefix, ".", field);
  if (field.empty()) field = "body";
  return {field, description.empty() ? "invalid JSON" : description};
}

constexpr char kTypeUrlPrefix[] = "type.googleapis.com";

// protobuf's JSON functions, given a message of a pool other than the
// generated one, build a TypeResolver for that pool on every call, and the
// resolver converts each descriptor to a google.protobuf.Type every time it
// is asked: most of a small call's cost. This one converts each type once.
class CachingTypeResolver : public google::protobuf::util::TypeResolver {
 public:
  explicit CachingTypeResolver(const google::protobuf::DescriptorPool* pool)
      : inner_(google::protobuf::util::NewTypeResolverForDescriptorPool(kTypeUrlPrefix, pool)) {}

  google::protobuf::util::Status ResolveMessageType(const std::string& url,
                                                    google::protobuf::Type* type) override {
    return Resolve(url, type, types_, [this](const std::string& u, google::protobuf::Type* t) {
      return inner_->ResolveMessageType(u, t);
    });
  }
  google::protobuf::util::Status ResolveEnumType(const std::string& url,
                                                 google::protobuf::Enum* type) override {
    return Resolve(url, type, enums_, [this](const std::string& u, google::protobuf::Enum* t) {
      return inner_->ResolveEnumType(u, t);
    });
  }

 private:
  template <typename T, typename F>
  google::protobuf::util::Status Resolve(const std::string& url, T* out,
                                         std::map<std::string, T>& cache, F resolve) {
    {
      std::shared_lock lock(mu_);
      if (auto it = cache.find(url); it != cache.end()) {
        *out = it->second;
        return google::protobuf::util::Status();
      }
    }
    google::protobuf::util::Status status = resolve(url, out);
    if (status.ok()) {
      std::unique_lock lock(mu_);
      cache.emplace(url, *out);
    }
    return status;
  }

  std::unique_ptr<google::protobuf::util::TypeResolver> inner_;
  std::shared_mutex mu_;
  std::map<std::string, google::protobuf::Type> types_;
  std::map<std::string, google::protobuf::Enum> enums_;
};

CachingTypeResolver* ResolverFor(const google::protobuf::DescriptorPool* pool) {
  static std::mutex mu;
  static auto* resolvers =
      new std::map<const google::protobuf::DescriptorPool*, std::unique_ptr<CachingTypeResolver>>();
  std::lock_guard lock(mu);
  auto& resolver = (*resolvers)[pool];
  if (resolver == nullptr) resolver = std::make_unique<CachingTypeResolver>(pool);
  return resolver.get();
}

std::string TypeUrl(const Descriptor* type) {
  return absl::StrCat(kTypeUrlPrefix, "/", type->full_name());
}

}  // namespace

Message* MutableMessageAt(absl::string_view dotted, Message* message) {
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    const FieldDescriptor* field = FindField(message->GetDescriptor(), part);
    if (field == nullptr || field->is_repeated() ||
        field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
      return nullptr;
    }
    message = message->GetReflection()->MutableMessage(message, field);
  }
  return message;
}

std::optional<BadInput> SetFieldFromText(absl::string_view dotted, absl::string_view text,
                                         Message* message) {
  std::vector<absl::string_view> parts = absl::StrSplit(dotted, '.');
  std::string proto_path;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FieldDescriptor* field = FindField(message->GetDescriptor(), parts[i]);
    if (field == nullptr) {
      return BadInput{std::string(dotted), "unknown field"};
    }
    absl::StrAppend(&proto_path, proto_path.empty() ? "" : ".", field->name());
    const Reflection* reflection = message->GetReflection();
    const bool last = i + 1 == parts.size();
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_map())
        return BadInput{proto_path, "a map cannot be set from a query parameter"};
      const bool well_known =
          absl::StartsWith(field->message_type()->full_name(), "google.protobuf.");
      if (!last && !field->is_repeated()) {
        message = reflection->MutableMessage(message, field);
        continue;
      }
      if (!last || !well_known) {
        return BadInput{proto_path, "set its fields one by one (name.field=value)"};
      }
      Message* target = field->is_repeated() ? reflection->AddMessage(message, field)
                                             : reflection->MutableMessage(message, field);
      if (std::optional<BadInput> bad = ParseJsonInto(JsonString(text), "", target)) {
        return BadInput{proto_path, bad->description};
      }
      return std::nullopt;
    }
    if (!last) return BadInput{proto_path, "is not a message"};
    const std::string value(text);
    auto invalid = [&](absl::string_view type) {
      return BadInput{proto_path, absl::StrCat("invalid value \"", value, "\" for ", type)};
    };
    const bool repeated = field->is_repeated();
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        int32_t v;
        if (!absl::SimpleAtoi(value, &v)) return invalid("int32");
        repeated ? reflection->AddInt32(message, field, v)
                 : reflection->SetInt32(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        int64_t v;
        if (!absl::SimpleAtoi(value, &v)) return invalid("int64");
        repeated ? reflection->AddInt64(message, field, v)
                 : reflection->SetInt64(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT32: {
        uint32_t v;
        if (!absl::SimpleAtoi(value, &v)) return invalid("uint32");
        repeated ? reflection->AddUInt32(message, field, v)
                 : reflection->SetUInt32(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_UINT64: {
        uint64_t v;
        if (!absl::SimpleAtoi(value, &v)) return invalid("uint64");
        repeated ? reflection->AddUInt64(message, field, v)
                 : reflection->SetUInt64(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        double v;
        if (!absl::SimpleAtod(value, &v)) return invalid("double");
        repeated ? reflection->AddDouble(message, field, v)
                 : reflection->SetDouble(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        float v;
        if (!absl::SimpleAtof(value, &v)) return invalid("float");
        repeated ? reflection->AddFloat(message, field, v)
                 : reflection->SetFloat(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_BOOL: {
        bool v;
        if (value == "true" || value == "1") {
          v = true;
        } else if (value == "false" || value == "0") {
          v = false;
        } else {
          return invalid("bool (true or false)");
        }
        repeated ? reflection->AddBool(message, field, v) : reflection->SetBool(message, field, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_ENUM: {
        const auto* enum_value = field->enum_type()->FindValueByName(value);
        int number;
        if (enum_value == nullptr && absl::SimpleAtoi(value, &number)) {
          enum_value = field->enum_type()->FindValueByNumber(number);
        }
        if (enum_value == nullptr) return invalid(field->enum_type()->name());
        repeated ? reflection->AddEnum(message, field, enum_value)
                 : reflection->SetEnum(message, field, enum_value);
        break;
      }
      case FieldDescriptor::CPPTYPE_STRING: {
        std::string v = value;
        if (field->type() == FieldDescriptor::TYPE_BYTES &&
            !absl::WebSafeBase64Unescape(value, &v) && !absl::Base64Unescape(value, &v)) {
          return invalid("bytes (base64)");
        }
        repeated ? reflection->AddString(message, field, std::move(v))
                 : reflection->SetString(message, field, std::move(v));
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        break;  // handled above
    }
    return std::nullopt;
  }
  return BadInput{std::string(dotted), "empty field name"};
}

std::optional<BadInput> ParseJsonInto(absl::string_view json, absl::string_view prefix,
                                      Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const Descriptor* type = message->GetDescriptor();
  std::string binary;
  const auto status = google::protobuf::util::JsonToBinaryString(
      ResolverFor(type->file()->pool()), TypeUrl(type),
      google::protobuf::StringPiece(json.data(), json.size()), &binary, options);
  if (!status.ok()) return FromJsonError(status.ToString(), prefix);
  if (!message->ParseFromString(binary)) return BadInput{std::string(prefix), "invalid value"};
  return std::nullopt;
}

std::string ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  options.preserve_proto_field_names = false;
  const Descriptor* type = message.GetDescriptor();
  std::string out;
  (void)google::protobuf::util::BinaryToJsonString(ResolverFor(type->file()->pool()), TypeUrl(type),
                                                   message.SerializeAsString(), &out, options);
  return out;
}

}  // namespace zs::gateway

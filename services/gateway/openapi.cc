#include "services/gateway/openapi.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/gateway/contracts.h"

namespace zs::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::ListValue;
using google::protobuf::Struct;
using google::protobuf::Value;

Value Str(absl::string_view text) {
  Value v;
  v.set_string_value(std::string(text));
  return v;
}
Value Bool(bool b) {
  Value v;
  v.set_bool_value(b);
  return v;
}
Value Obj(Struct s) {
  Value v;
  *v.mutable_struct_value() = std::move(s);
  return v;
}
Value Ref(const Descriptor& type) {
  Struct s;
  (*s.mutable_fields())["$ref"] = Str(absl::StrCat("#/components/schemas/", type.full_name()));
  return Obj(std::move(s));
}

class Generator {
 public:
  Value FieldSchema(const FieldDescriptor& field) {
    Struct schema;
    auto& f = *schema.mutable_fields();
    if (field.is_map()) {
      f["type"] = Str("object");
      f["additionalProperties"] = ScalarSchema(*field.message_type()->map_value());
    } else if (field.is_repeated()) {
      f["type"] = Str("array");
      f["items"] = ScalarSchema(field);
    } else {
      return WithDescription(ScalarSchema(field), CommentsOf(field));
    }
    return WithDescription(Obj(std::move(schema)), CommentsOf(field));
  }

  // The schema of one value of `field` (its element, for a repeated field).
  Value ScalarSchema(const FieldDescriptor& field) {
    Struct schema;
    auto& f = *schema.mutable_fields();
    switch (field.type()) {
      case FieldDescriptor::TYPE_INT64:
      case FieldDescriptor::TYPE_SINT64:
      case FieldDescriptor::TYPE_SFIXED64:
        f["type"] = Str("string");
        f["format"] = Str("int64");
        break;
      case FieldDescriptor::TYPE_UINT64:
      case FieldDescriptor::TYPE_FIXED64:
        f["type"] = Str("string");
        f["format"] = Str("uint64");
        break;
      case FieldDescriptor::TYPE_INT32:
      case FieldDescriptor::TYPE_SINT32:
      case FieldDescriptor::TYPE_SFIXED32:
      case FieldDescriptor::TYPE_UINT32:
      case FieldDescriptor::TYPE_FIXED32:
        f["type"] = Str("integer");
        f["format"] = Str("int32");
        break;
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FLOAT:
        f["type"] = Str("number");
        break;
      case FieldDescriptor::TYPE_BOOL:
        f["type"] = Str("boolean");
        break;
      case FieldDescriptor::TYPE_STRING:
        f["type"] = Str("string");
        break;
      case FieldDescriptor::TYPE_BYTES:
        f["type"] = Str("string");
        f["format"] = Str("byte");
        break;
      case FieldDescriptor::TYPE_ENUM: {
        f["type"] = Str("string");
        ListValue values;
        for (int i = 0; i < field.enum_type()->value_count(); ++i) {
          *values.add_values() = Str(field.enum_type()->value(i)->name());
        }
        *f["enum"].mutable_list_value() = std::move(values);
        break;
      }
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP:
        return MessageSchema(*field.message_type());
    }
    return Obj(std::move(schema));
  }

  // Well-known types as their JSON form; other messages by reference.
  Value MessageSchema(const Descriptor& type) {
    const std::string& name = type.full_name();
    Struct schema;
    auto& f = *schema.mutable_fields();
    if (name == "google.protobuf.Timestamp") {
      f["type"] = Str("string");
      f["format"] = Str("date-time");
    } else if (name == "google.protobuf.Duration") {
      f["type"] = Str("string");
      f["description"] = Str("seconds with an 's' suffix, e.g. \"1.5s\"");
    } else if (name == "google.protobuf.FieldMask") {
      f["type"] = Str("string");
      f["description"] = Str("comma-separated field paths, e.g. \"title,channel\"");
    } else if (name == "google.protobuf.Struct" || name == "google.protobuf.Any") {
      f["type"] = Str("object");
    } else if (name == "google.protobuf.Value") {
      return Obj(std::move(schema));
    } else {
      Define(type);
      return Ref(type);
    }
    return Obj(std::move(schema));
  }

  void Define(const Descriptor& type) {
    if (!defined_.insert(type.full_name()).second) return;
    Struct schema;
    auto& f = *schema.mutable_fields();
    f["type"] = Str("object");
    Struct properties;
    for (int i = 0; i < type.field_count(); ++i) {
      const FieldDescriptor& field = *type.field(i);
      (*properties.mutable_fields())[field.json_name()] = FieldSchema(field);
    }
    f["properties"] = Obj(std::move(properties));
    if (const std::string comments = CommentsOf(type); !comments.empty()) {
      f["description"] = Str(comments);
    }
    (*schemas_.mutable_fields())[type.full_name()] = Obj(std::move(schema));
  }

  // Query parameters: every leaf field not bound by the path, by its dotted
  // proto name, to a small depth (recursive messages stop there).
  void QueryParameters(const Descriptor& type, const std::string& prefix,
                       const std::set<std::string>& bound, int depth, ListValue* out) {
    for (int i = 0; i < type.field_count(); ++i) {
      const FieldDescriptor& field = *type.field(i);
      const std::string name =
          prefix.empty() ? field.name() : absl::StrCat(prefix, ".", field.name());
      if (bound.count(name)) continue;
      if (field.type() == FieldDescriptor::TYPE_MESSAGE && !field.is_map() &&
          !absl::StartsWith(field.message_type()->full_name(), "google.protobuf.")) {
        if (!field.is_repeated() && depth < 3) {
          QueryParameters(*field.message_type(), name, bound, depth + 1, out);
        }
        continue;
      }
      if (field.is_map()) continue;
      Struct p;
      auto& f = *p.mutable_fields();
      f["name"] = Str(name);
      f["in"] = Str("query");
      f["schema"] = FieldSchema(field);
      if (field.is_repeated()) {
        f["explode"] = Bool(true);
      }
      if (const std::string comments = CommentsOf(field); !comments.empty()) {
        f["description"] = Str(comments);
      }
      *out->add_values() = Obj(std::move(p));
    }
  }

  Struct& schemas() { return schemas_; }

 private:
  static Value WithDescription(Value schema, const std::string& description) {
    if (!description.empty() && schema.has_struct_value() &&
        !schema.struct_value().fields().contains("$ref")) {
      (*schema.mutable_struct_value()->mutable_fields())["description"] = Str(description);
    }
    return schema;
  }

  std::set<std::string> defined_;
  Struct schemas_;
};

const FieldDescriptor* FieldAt(const Descriptor* message, absl::string_view dotted) {
  const FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

Value JsonContent(Value schema) {
  Struct media, content;
  (*media.mutable_fields())["schema"] = std::move(schema);
  (*content.mutable_fields())["application/json"] = Obj(std::move(media));
  return Obj(std::move(content));
}

// A file sent as the raw request body: the spreadsheet types an import
// reads, each a binary string.
Value UploadContent() {
  Struct content;
  for (const char* type : {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           "text/csv", "application/octet-stream"}) {
    Struct media, schema;
    (*schema.mutable_fields())["type"] = Str("string");
    (*schema.mutable_fields())["format"] = Str("binary");
    (*media.mutable_fields())["schema"] = Obj(std::move(schema));
    (*content.mutable_fields())[type] = Obj(std::move(media));
  }
  return Obj(std::move(content));
}

}  // namespace

std::string OpenApiDocument(const RouteTable& routes) {
  Generator generator;
  Struct paths;
  for (const Route& route : routes.routes()) {
    const auto& method = *route.method;
    const Descriptor& input = *method.input_type();
    Struct operation;
    auto& op = *operation.mutable_fields();
    op["operationId"] = Str(absl::StrCat(method.service()->name(), "_", method.name()));
    ListValue tags;
    *tags.add_values() = Str(method.service()->name());
    *op["tags"].mutable_list_value() = std::move(tags);
    op["summary"] = Str(method.name());
    std::string description = CommentsOf(method);
    if (description.empty()) description = CommentsOf(*method.service());
    if (!description.empty()) op["description"] = Str(description);

    ListValue parameters;
    std::set<std::string> bound;
    for (const auto& variable : route.path_template.variables()) {
      bound.insert(variable.field_path);
      Struct p;
      auto& f = *p.mutable_fields();
      f["name"] = Str(variable.field_path);
      f["in"] = Str("path");
      f["required"] = Bool(true);
      if (const FieldDescriptor* field = FieldAt(&input, variable.field_path)) {
        f["schema"] = generator.FieldSchema(*field);
      }
      *parameters.add_values() = Obj(std::move(p));
    }
    if (route.body.empty()) {
      generator.QueryParameters(input, "", bound, 0, &parameters);
    } else if (route.body != "*") {
      // Fields outside the body (request_id, update_mask) go in the query.
      std::set<std::string> outside = bound;
      outside.insert(route.body);
      generator.QueryParameters(input, "", outside, 0, &parameters);
      Struct body;
      (*body.mutable_fields())["required"] = Bool(true);
      const FieldDescriptor* field = FieldAt(&input, route.body);
      if (field != nullptr && field->type() == FieldDescriptor::TYPE_BYTES) {
        // An upload: the gateway puts the raw body into the bytes field
        // (gateway.cc), so the document says "a file", not base64 in JSON.
        (*body.mutable_fields())["description"] =
            Str(absl::StrCat("the file itself as the request body (", field->name(),
                             "), at most the gateway's --max_request_bytes (4 MiB by default); "
                             "the other fields are query parameters"));
        (*body.mutable_fields())["content"] = UploadContent();
      } else {
        (*body.mutable_fields())["content"] = JsonContent(generator.FieldSchema(*field));
      }
      op["requestBody"] = Obj(std::move(body));
    } else {
      Struct body;
      (*body.mutable_fields())["required"] = Bool(true);
      (*body.mutable_fields())["content"] = JsonContent(generator.MessageSchema(input));
      (*body.mutable_fields())["description"] =
          Str("the request message; fields bound by the path are taken from the path");
      op["requestBody"] = Obj(std::move(body));
    }
    if (parameters.values_size() > 0) *op["parameters"].mutable_list_value() = parameters;

    Struct responses, ok;
    if (!route.response_body.empty()) {
      (*ok.mutable_fields())["description"] =
          Str("the file itself, with its Content-Type and a Content-Disposition naming it");
      Struct media, content, schema;
      (*schema.mutable_fields())["type"] = Str("string");
      (*schema.mutable_fields())["format"] = Str("binary");
      (*media.mutable_fields())["schema"] = Obj(std::move(schema));
      (*content.mutable_fields())["application/octet-stream"] = Obj(std::move(media));
      (*ok.mutable_fields())["content"] = Obj(std::move(content));
    } else {
      (*ok.mutable_fields())["description"] = Str("OK");
      (*ok.mutable_fields())["content"] =
          JsonContent(generator.MessageSchema(*method.output_type()));
    }
    (*responses.mutable_fields())["200"] = Obj(std::move(ok));
    Struct error;
    (*error.mutable_fields())["description"] =
        Str("a google.rpc.Status; HTTP status by google/rpc/code.proto");
    Struct status_ref;
    (*status_ref.mutable_fields())["$ref"] = Str("#/components/schemas/google.rpc.Status");
    (*error.mutable_fields())["content"] = JsonContent(Obj(std::move(status_ref)));
    (*responses.mutable_fields())["default"] = Obj(std::move(error));
    op["responses"] = Obj(std::move(responses));

    std::string lower = route.http_method;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    Value& path_item = (*paths.mutable_fields())[route.path];
    (*path_item.mutable_struct_value()->mutable_fields())[lower] = Obj(std::move(operation));
  }

  // google.rpc.Status, as the gateway's error bodies are.
  {
    Struct status, properties, code, message, details, items;
    (*code.mutable_fields())["type"] = Str("integer");
    (*code.mutable_fields())["description"] = Str("google.rpc.Code");
    (*message.mutable_fields())["type"] = Str("string");
    (*items.mutable_fields())["type"] = Str("object");
    (*items.mutable_fields())["description"] =
        Str("an Any: \"@type\" names google.rpc.BadRequest, ErrorInfo, …");
    (*details.mutable_fields())["type"] = Str("array");
    (*details.mutable_fields())["items"] = Obj(std::move(items));
    (*properties.mutable_fields())["code"] = Obj(std::move(code));
    (*properties.mutable_fields())["message"] = Obj(std::move(message));
    (*properties.mutable_fields())["details"] = Obj(std::move(details));
    (*status.mutable_fields())["type"] = Str("object");
    (*status.mutable_fields())["properties"] = Obj(std::move(properties));
    (*generator.schemas().mutable_fields())["google.rpc.Status"] = Obj(std::move(status));
  }

  Struct document;
  auto& d = *document.mutable_fields();
  d["openapi"] = Str("3.0.3");
  Struct info;
  (*info.mutable_fields())["title"] = Str("Zhaoshang (招商) HTTP/JSON API");
  (*info.mutable_fields())["version"] = Str("v1");
  (*info.mutable_fields())["description"] =
      Str("Transcoded by zs-gateway from the gRPC contracts (google.api.http rules). JSON "
          "field names are lowerCamel; int64 values are strings; enums are names. "
          "Authenticate with 'Authorization: Bearer <token>' or the session cookies.");
  d["info"] = Obj(std::move(info));
  d["paths"] = Obj(std::move(paths));
  Struct components, security_schemes, bearer, cookie;
  (*bearer.mutable_fields())["type"] = Str("http");
  (*bearer.mutable_fields())["scheme"] = Str("bearer");
  (*cookie.mutable_fields())["type"] = Str("apiKey");
  (*cookie.mutable_fields())["in"] = Str("cookie");
  (*cookie.mutable_fields())["name"] = Str("zs_access");
  (*security_schemes.mutable_fields())["bearer"] = Obj(std::move(bearer));
  (*security_schemes.mutable_fields())["session"] = Obj(std::move(cookie));
  (*components.mutable_fields())["securitySchemes"] = Obj(std::move(security_schemes));
  (*components.mutable_fields())["schemas"] = Obj(std::move(generator.schemas()));
  d["components"] = Obj(std::move(components));
  ListValue security;
  for (const char* scheme : {"bearer", "session"}) {
    Struct requirement;
    (*requirement.mutable_fields())[scheme].mutable_list_value();
    *security.add_values() = Obj(std::move(requirement));
  }
  *d["security"].mutable_list_value() = std::move(security);

  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(document, &out, options);
  return out;
}

}  // namespace zs::gateway

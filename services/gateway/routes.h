// The route table, built from the google.api.http rules (AIP-127) on the
// contracts' methods, never by hand: each rule's path template is parsed
// (literals, `*`, `**`, `{field.path}` and `{field=segments}` variables, a
// custom verb after ':'), and a request's method and path find the rule and
// the field values its variables bind.
#pragma once

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs::gateway {

class PathTemplate {
 public:
  // `text` as in google/api/http.proto: "/v1/leads/{lead.id}:convert".
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  struct Variable {
    std::string field_path;  // "lead.id"
    int first_segment = 0;
    int segment_count = 1;  // -1: to the end of the path ("**")
  };
  // Matches percent-encoded path segments (verb already split off); on a
  // match fills `bindings` with (field path, decoded value).
  bool Match(const std::vector<absl::string_view>& segments, absl::string_view verb,
             std::vector<std::pair<std::string, std::string>>* bindings) const;

  const std::vector<Variable>& variables() const { return variables_; }
  const std::string& verb() const { return verb_; }
  // Literal segments count: more specific templates are tried first.
  int literal_count() const;

 private:
  enum class Kind { kLiteral, kAny, kRest };  // literal, "*", "**"
  struct Segment {
    Kind kind;
    std::string literal;
  };
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

struct Route {
  std::string http_method;  // GET, POST, PUT, PATCH, DELETE or a custom kind
  std::string path;         // the template text, as the OpenAPI document shows it
  PathTemplate path_template;
  std::string body;           // "" (none), "*" or a request field path
  std::string response_body;  // "" (the whole response) or a response field
  const google::protobuf::MethodDescriptor* method = nullptr;
  std::string grpc_method;  // "/zhaoshang.lead.v1.LeadService/GetLead"
};

class RouteTable {
 public:
  // Every binding (additional_bindings included) of every method of `services`;
  // an RPC without a rule, or a rule naming no field, is an error.
  static absl::StatusOr<RouteTable> Build(
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);

  struct Match {
    const Route* route = nullptr;  // null: no route
    bool path_known = false;       // some route has this path under another method (405)
    std::vector<std::pair<std::string, std::string>> bindings;
  };
  // `raw_path`: the request target's path, still percent-encoded.
  Match Find(absl::string_view http_method, absl::string_view raw_path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;  // most literal segments first
};

// Percent-decodes `text`; false on a malformed escape.
bool PercentDecode(absl::string_view text, std::string* out);

}  // namespace zs::gateway

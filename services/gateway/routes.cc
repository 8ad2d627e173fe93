#include "services/gateway/routes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"

namespace zs::gateway {
namespace {

bool IsFieldPath(absl::string_view text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
  });
}

// The field `dotted` names in `message`, or null.
const google::protobuf::FieldDescriptor* FieldAt(const google::protobuf::Descriptor* message,
                                                 absl::string_view dotted) {
  const google::protobuf::FieldDescriptor* field = nullptr;
  for (absl::string_view part : absl::StrSplit(dotted, '.')) {
    if (message == nullptr) return nullptr;
    field = message->FindFieldByName(std::string(part));
    if (field == nullptr) return nullptr;
    message = field->message_type();
  }
  return field;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool PercentDecode(absl::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out->push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return false;
    const int high = HexValue(text[i + 1]), low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return false;
    out->push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return true;
}

absl::StatusOr<PathTemplate> PathTemplate::Parse(absl::string_view text) {
  if (text.empty() || text.front() != '/') {
    return absl::InvalidArgumentError(absl::StrCat("template must start with '/': ", text));
  }
  PathTemplate parsed;
  absl::string_view rest = text.substr(1);
  // A verb follows the last ':' outside braces.
  size_t depth = 0, colon = absl::string_view::npos;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '{') ++depth;
    if (rest[i] == '}') --depth;
    if (rest[i] == ':' && depth == 0) colon = i;
  }
  if (colon != absl::string_view::npos) {
    parsed.verb_ = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (parsed.verb_.empty()) return absl::InvalidArgumentError(absl::StrCat("empty verb: ", text));
  }
  size_t i = 0;
  while (i <= rest.size()) {
    if (i < rest.size() && rest[i] == '{') {
      const size_t close = rest.find('}', i);
      if (close == absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat("unclosed variable: ", text));
      }
      absl::string_view inside = rest.substr(i + 1, close - i - 1);
      absl::string_view field = inside, pattern = "*";
      if (const size_t eq = inside.find('='); eq != absl::string_view::npos) {
        field = inside.substr(0, eq);
        pattern = inside.substr(eq + 1);
      }
      if (!IsFieldPath(field)) {
        return absl::InvalidArgumentError(absl::StrCat("bad variable '", field, "': ", text));
      }
      Variable variable{std::string(field), static_cast<int>(parsed.segments_.size()), 0};
      for (absl::string_view part : absl::StrSplit(pattern, '/')) {
        if (part == "**") {
          parsed.segments_.push_back({Kind::kRest, ""});
          variable.segment_count = -1;
        } else {
          parsed.segments_.push_back(
              {part == "*" ? Kind::kAny : Kind::kLiteral, std::string(part)});
          if (variable.segment_count >= 0) ++variable.segment_count;
        }
      }
      parsed.variables_.push_back(std::move(variable));
      i = close + 1;
    } else {
      size_t end = rest.find('/', i);
      if (end == absl::string_view::npos) end = rest.size();
      absl::string_view part = rest.substr(i, end - i);
      if (part.empty()) return absl::InvalidArgumentError(absl::StrCat("empty segment: ", text));
      parsed.segments_.push_back({part == "**"  ? Kind::kRest
                                  : part == "*" ? Kind::kAny
                                                : Kind::kLiteral,
                                  std::string(part)});
      i = end;
    }
    if (i < rest.size() && rest[i] != '/') {
      return absl::InvalidArgumentError(absl::StrCat("bad segment: ", text));
    }
    if (i >= rest.size()) break;
    ++i;  // past '/'
  }
  for (size_t s = 0; s + 1 < parsed.segments_.size(); ++s) {
    if (parsed.segments_[s].kind == Kind::kRest) {
      return absl::InvalidArgumentError(absl::StrCat("'**' must be last: ", text));
    }
  }
  return parsed;
}

int PathTemplate::literal_count() const {
  return static_cast<int>(std::count_if(segments_.begin(), segments_.end(),
                                        [](const Segment& s) { return s.kind == Kind::kLiteral; }));
}

bool PathTemplate::Match(const std::vector<absl::string_view>& segments, absl::string_view verb,
                         std::vector<std::pair<std::string, std::string>>* bindings) const {
  if (verb != verb_) return false;
  const bool rest = !segments_.empty() && segments_.back().kind == Kind::kRest;
  if (rest ? segments.size() < segments_.size() - 1 : segments.size() != segments_.size()) {
    return false;
  }
  for (size_t i = 0; i < segments_.size(); ++i) {
    if (segments_[i].kind == Kind::kLiteral && segments[i] != segments_[i].literal) return false;
    if (segments_[i].kind == Kind::kAny && segments[i].empty()) return false;
  }
  bindings->clear();
  for (const Variable& variable : variables_) {
    const size_t first = variable.first_segment;
    const size_t end =
        variable.segment_count < 0 ? segments.size() : first + variable.segment_count;
    std::string value;
    if (end - first == 1) {
      if (!PercentDecode(segments[first], &value)) return false;
    } else {  // multi-segment: '/' stays a separator, %2F stays encoded (http.proto)
      std::vector<std::string> decoded;
      for (size_t s = first; s < end; ++s) {
        std::string part;
        if (!PercentDecode(segments[s], &part)) return false;
        decoded.push_back(std::move(part));
      }
      value = absl::StrJoin(decoded, "/");
    }
    bindings->emplace_back(variable.field_path, std::move(value));
  }
  return true;
}

absl::StatusOr<RouteTable> RouteTable::Build(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  RouteTable table;
  for (const auto* service : services) {
    for (int m = 0; m < service->method_count(); ++m) {
      const google::protobuf::MethodDescriptor* method = service->method(m);
      if (!method->options().HasExtension(google::api::http)) {
        return absl::FailedPreconditionError(
            absl::StrCat(method->full_name(), " has no google.api.http rule"));
      }
      const google::api::HttpRule& rule = method->options().GetExtension(google::api::http);
      std::vector<const google::api::HttpRule*> rules = {&rule};
      for (const auto& extra : rule.additional_bindings()) rules.push_back(&extra);
      for (const google::api::HttpRule* r : rules) {
        Route route;
        switch (r->pattern_case()) {
          case google::api::HttpRule::kGet:
            route.http_method = "GET";
            route.path = r->get();
            break;
          case google::api::HttpRule::kPost:
            route.http_method = "POST";
            route.path = r->post();
            break;
          case google::api::HttpRule::kPut:
            route.http_method = "PUT";
            route.path = r->put();
            break;
          case google::api::HttpRule::kPatch:
            route.http_method = "PATCH";
            route.path = r->patch();
            break;
          case google::api::HttpRule::kDelete:
            route.http_method = "DELETE";
            route.path = r->delete_();
            break;
          case google::api::HttpRule::kCustom:
            route.http_method = r->custom().kind();
            route.path = r->custom().path();
            break;
          default:
            return absl::FailedPreconditionError(
                absl::StrCat(method->full_name(), ": a rule without a pattern"));
        }
        absl::StatusOr<PathTemplate> parsed = PathTemplate::Parse(route.path);
        if (!parsed.ok()) {
          return absl::FailedPreconditionError(
              absl::StrCat(method->full_name(), ": ", parsed.status().message()));
        }
        route.path_template = *std::move(parsed);
        for (const auto& variable : route.path_template.variables()) {
          if (FieldAt(method->input_type(), variable.field_path) == nullptr) {
            return absl::FailedPreconditionError(absl::StrCat(
                method->full_name(), ": path variable names no field: ", variable.field_path));
          }
        }
        route.body = r->body();
        if (!route.body.empty() && route.body != "*" &&
            FieldAt(method->input_type(), route.body) == nullptr) {
          return absl::FailedPreconditionError(
              absl::StrCat(method->full_name(), ": body names no field: ", route.body));
        }
        route.response_body = rule.response_body();
        route.method = method;
        route.grpc_method = absl::StrCat("/", service->full_name(), "/", method->name());
        table.routes_.push_back(std::move(route));
      }
    }
  }
  std::stable_sort(table.routes_.begin(), table.routes_.end(), [](const Route& a, const Route& b) {
    return a.path_template.literal_count() > b.path_template.literal_count();
  });
  return table;
}

RouteTable::Match RouteTable::Find(absl::string_view http_method,
                                   absl::string_view raw_path) const {
  Match match;
  if (raw_path.empty() || raw_path.front() != '/') return match;
  std::vector<absl::string_view> segments = absl::StrSplit(raw_path.substr(1), '/');
  // The verb is what follows the last ':' of the last segment, for the
  // templates that have one.
  absl::string_view last = segments.back();
  const size_t colon = last.rfind(':');
  std::vector<absl::string_view> without_verb = segments;
  absl::string_view verb;
  if (colon != absl::string_view::npos) {
    without_verb.back() = last.substr(0, colon);
    verb = last.substr(colon + 1);
  }
  std::vector<std::pair<std::string, std::string>> bindings;
  for (const Route& route : routes_) {
    const bool has_verb = !route.path_template.verb().empty();
    if (has_verb && colon == absl::string_view::npos) continue;
    const bool matched = has_verb ? route.path_template.Match(without_verb, verb, &bindings)
                                  : route.path_template.Match(segments, "", &bindings);
    if (!matched) continue;
    if (route.http_method != http_method) {
      match.path_known = true;
      continue;
    }
    match.route = &route;
    match.bindings = std::move(bindings);
    return match;
  }
  return match;
}

}  // namespace zs::gateway

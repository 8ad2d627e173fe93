// HTTP → protobuf: a route's path bindings, the query parameters and the
// JSON body become the request message, by protobuf's JSON mapping (proto
// names and lowerCamel both accepted; enums by name or number; int64 as
// number or string). protobuf → HTTP: the response as JSON with lowerCamel
// names (the proto3 JSON mapping), every field printed.
#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace zs::gateway {

// What was wrong with the request, for a google.rpc.BadRequest field
// violation: the offending field in proto names ("lead.estimated_investment_wan_yuan",
// or the query parameter / body as sent when no field is known).
struct BadInput {
  std::string field;
  std::string description;
};

// Sets the field `dotted` names (proto or lowerCamel names per segment) from
// its text form: scalars as in a URL, enums by name or number, repeated
// fields appended, well-known types (Timestamp, FieldMask, Duration …) by
// their JSON string form.
std::optional<BadInput> SetFieldFromText(absl::string_view dotted, absl::string_view text,
                                         google::protobuf::Message* message);

// Parses `json` into `message` (an unknown field or a wrong type is refused,
// naming the field, with `prefix` + "." in front when it is a body field).
std::optional<BadInput> ParseJsonInto(absl::string_view json, absl::string_view prefix,
                                      google::protobuf::Message* message);

// The submessage at `dotted` (created), or null if no such message field.
google::protobuf::Message* MutableMessageAt(absl::string_view dotted,
                                            google::protobuf::Message* message);

// The response as JSON (lowerCamel names, enums as names, every field).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace zs::gateway

#include "client/token_payload.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"

namespace zs::client {

TokenPayload ReadTokenPayload(absl::string_view token) {
  TokenPayload payload;
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  std::string json;
  if (parts.size() != 3 || !absl::WebSafeBase64Unescape(parts[1], &json)) return payload;
  google::protobuf::Struct claims;
  if (!google::protobuf::util::JsonStringToMessage(json, &claims).ok()) return payload;
  const auto& fields = claims.fields();
  auto text = [&](const char* name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second.string_value();
  };
  payload.subject = text("sub");
  payload.unit = text("unit");
  if (auto it = fields.find("exp"); it != fields.end() && it->second.has_number_value()) {
    payload.expires_at = absl::FromUnixSeconds(static_cast<int64_t>(it->second.number_value()));
  }
  return payload;
}

}  // namespace zs::client

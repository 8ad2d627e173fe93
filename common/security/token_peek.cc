#include "common/security/token_peek.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"

namespace zs {

UnverifiedClaims PeekTokenClaims(absl::string_view token) {
  UnverifiedClaims claims;
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3 || parts[1].size() > 4096) return claims;
  std::string payload;
  if (!absl::WebSafeBase64Unescape(parts[1], &payload)) return claims;
  google::protobuf::Struct fields;
  if (!google::protobuf::util::JsonStringToMessage(payload, &fields).ok()) return claims;
  const auto& values = fields.fields();
  if (auto jti = values.find("jti"); jti != values.end() && jti->second.has_string_value() &&
                                     jti->second.string_value().size() <= 128) {
    claims.token_id = jti->second.string_value();
  }
  if (auto exp = values.find("exp"); exp != values.end() && exp->second.has_number_value()) {
    claims.expires_at = absl::FromUnixSeconds(static_cast<int64_t>(exp->second.number_value()));
  }
  return claims;
}

}  // namespace zs

#include "common/security/token.h"

#include <jwt.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace zs {
namespace {

constexpr char kIssuer[] = "zhaoshang";

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

const unsigned char* KeyBytes(absl::string_view key) {
  return reinterpret_cast<const unsigned char*>(key.data());
}

absl::Status CheckKey(absl::string_view key) {
  if (key.size() < kMinimumTokenKeyBytes) {
    return absl::FailedPreconditionError(
        absl::StrCat("the token key must be at least ", kMinimumTokenKeyBytes, " bytes"));
  }
  return absl::OkStatus();
}

std::string Grant(jwt_t* jwt, const char* name) {
  const char* value = jwt_get_grant(jwt, name);
  return value == nullptr ? std::string() : std::string(value);
}

bool NeedsUnit(PrincipalKind kind) {
  return kind == PrincipalKind::kUnitStaff || kind == PrincipalKind::kOfficeStaff;
}

}  // namespace

std::string NewTokenId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no entropy: nothing is safe
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

absl::StatusOr<std::string> IssueToken(absl::string_view key, const TokenClaims& claims) {
  if (absl::Status status = CheckKey(key); !status.ok()) return status;
  const Principal& principal = claims.principal;
  if (principal.id.empty() || principal.kind == PrincipalKind::kAnonymous) {
    return absl::InvalidArgumentError("a token names a principal and its kind");
  }
  if (NeedsUnit(principal.kind) && principal.unit_code.empty()) {
    return absl::InvalidArgumentError("unit and office staff tokens name their unit");
  }
  if (claims.token_id.empty() || claims.expires_at <= claims.issued_at) {
    return absl::InvalidArgumentError("a token has an id and expires after it is issued");
  }
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::ResourceExhaustedError("jwt_new failed");
  JwtPtr jwt(raw);
  const bool ok =
      jwt_add_grant(jwt.get(), "iss", kIssuer) == 0 &&
      jwt_add_grant(jwt.get(), "sub", principal.id.c_str()) == 0 &&
      jwt_add_grant(jwt.get(), "kind", PrincipalKindName(principal.kind)) == 0 &&
      (principal.unit_code.empty() ||
       jwt_add_grant(jwt.get(), "unit", principal.unit_code.c_str()) == 0) &&
      jwt_add_grant(jwt.get(), "jti", claims.token_id.c_str()) == 0 &&
      jwt_add_grant_int(jwt.get(), "iat", absl::ToUnixSeconds(claims.issued_at)) == 0 &&
      jwt_add_grant_int(jwt.get(), "exp", absl::ToUnixSeconds(claims.expires_at)) == 0 &&
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, KeyBytes(key), static_cast<int>(key.size())) == 0;
  if (!ok) return absl::InternalError("cannot build the token");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) return absl::InternalError("cannot sign the token");
  std::string token(encoded);
  free(encoded);
  return token;
}

absl::StatusOr<TokenClaims> VerifyToken(absl::string_view key, absl::string_view token,
                                        absl::Time now) {
  if (absl::Status status = CheckKey(key); !status.ok()) return status;
  const absl::Status rejected = absl::UnauthenticatedError("the bearer token is not valid");
  // A JWT is three base64url parts; anything else (or a huge header) is
  // refused before it reaches the parser.
  if (token.empty() || token.size() > 4096) return rejected;
  jwt_t* raw = nullptr;
  const std::string text(token);
  if (jwt_decode(&raw, text.c_str(), KeyBytes(key), static_cast<int>(key.size())) != 0) {
    return rejected;
  }
  JwtPtr jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return rejected;
  if (Grant(jwt.get(), "iss") != kIssuer) return rejected;
  TokenClaims claims;
  claims.principal.id = Grant(jwt.get(), "sub");
  claims.principal.unit_code = Grant(jwt.get(), "unit");
  claims.token_id = Grant(jwt.get(), "jti");
  if (claims.principal.id.empty() || claims.token_id.empty() ||
      !ParsePrincipalKind(Grant(jwt.get(), "kind"), &claims.principal.kind) ||
      claims.principal.kind == PrincipalKind::kAnonymous ||
      (NeedsUnit(claims.principal.kind) && claims.principal.unit_code.empty())) {
    return rejected;
  }
  claims.issued_at = absl::FromUnixSeconds(jwt_get_grant_int(jwt.get(), "iat"));
  const long expires = jwt_get_grant_int(jwt.get(), "exp");
  if (expires <= 0) return rejected;
  claims.expires_at = absl::FromUnixSeconds(expires);
  if (claims.expires_at <= now) return absl::UnauthenticatedError("the bearer token has expired");
  return claims;
}

}  // namespace zs

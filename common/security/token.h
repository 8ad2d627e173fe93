// Bearer tokens: JWTs signed with HMAC-SHA256 (libjwt) naming a principal,
// its kind and unit, with an id (for revocation) and an expiry. The same
// secret signs (zsctl admin issue-token) and verifies (every service).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/principal.h"

namespace zs {

struct TokenClaims {
  Principal principal;
  std::string token_id;  // jti: what revocation names
  absl::Time issued_at;
  absl::Time expires_at;
};

// A signing key must be long enough that guessing it is hopeless.
inline constexpr size_t kMinimumTokenKeyBytes = 32;

absl::StatusOr<std::string> IssueToken(absl::string_view key, const TokenClaims& claims);

// Checks the signature (HS256 only: "none" and other algorithms are refused),
// the issuer, the expiry against `now` and the claims' shape. Errors are
// UNAUTHENTICATED and never echo the token.
absl::StatusOr<TokenClaims> VerifyToken(absl::string_view key, absl::string_view token,
                                        absl::Time now);

// A fresh random token id (128 bits, hex).
std::string NewTokenId();

}  // namespace zs

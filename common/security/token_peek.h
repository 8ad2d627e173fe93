// What a JWT says about itself, read without checking its signature: for
// logs and metrics only (which token id was refused, whether it had
// expired, when this service's own token runs out). Never a basis for
// trusting a caller: VerifyToken is.
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace zs {

struct UnverifiedClaims {
  std::string token_id;                            // jti; empty when unreadable
  absl::Time expires_at = absl::InfiniteFuture();  // exp; infinite when unreadable
};

// Any text is accepted; what cannot be read stays at the defaults.
UnverifiedClaims PeekTokenClaims(absl::string_view token);

}  // namespace zs

// What a bearer token says about itself, read from its payload without
// checking the signature (only the services hold the key): lets zsctl tell
// a person their token has expired before any call — also offline, where
// queuing a change the services will refuse at sync helps no one — and
// know whose leads are "mine".
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace zs::client {

struct TokenPayload {
  std::string subject;                   // sub: the principal
  std::string unit;                      // the unit or office, if any
  std::optional<absl::Time> expires_at;  // exp
};

// Empty fields for anything that is not a readable JWT.
TokenPayload ReadTokenPayload(absl::string_view token);

}  // namespace zs::client

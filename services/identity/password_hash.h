// Passwords are stored as Argon2id hashes (libsodium's crypto_pwhash_str:
// algorithm, parameters, random salt and hash in one string). Parameters:
// 2 passes over 19 MiB, OWASP's recommended minimum for Argon2id, which keeps
// a sign-in near 50 ms and eight at once within the pod's memory.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs::identity {

absl::StatusOr<std::string> HashPassword(absl::string_view password);
// Whether `password` matches `hash` (false for a malformed hash).
bool VerifyPassword(absl::string_view hash, absl::string_view password);

// What a sign-in of an unknown user checks its password against, so an
// unknown name takes as long as a wrong password (no user enumeration by
// timing).
const std::string& DecoyHash();

}  // namespace zs::identity

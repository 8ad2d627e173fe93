// SHA-256 from OpenSSL, as lower-case hex: stable across processes and
// builds, unlike std::hash or absl::Hash, so it can be stored.
#pragma once

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace zs {
std::string Sha256Hex(absl::string_view data);
}  // namespace zs

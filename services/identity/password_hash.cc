#include "services/identity/password_hash.h"

#include <sodium.h>

#include <cstdlib>

#include "absl/status/status.h"

namespace zs::identity {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19u << 20;

void InitSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // no randomness source: no salts, nothing safe
}

}  // namespace

absl::StatusOr<std::string> HashPassword(absl::string_view password) {
  InitSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    return absl::ResourceExhaustedError("not enough memory to hash the password; retry");
  }
  return std::string(out);
}

bool VerifyPassword(absl::string_view hash, absl::string_view password) {
  InitSodium();
  const std::string text(hash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(text.c_str(), password.data(), password.size()) == 0;
}

const std::string& DecoyHash() {
  static const std::string* const kDecoy = new std::string(*HashPassword("decoy-not-a-password"));
  return *kDecoy;
}

}  // namespace zs::identity

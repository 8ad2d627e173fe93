#include "services/identity/sign_in_rules.h"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/errors.h"

namespace zs::identity {
namespace {

// The most used passwords of ten characters or more (public breach lists),
// and the obvious ones of this district's software.
constexpr std::array<absl::string_view, 16> kCommonPasswords = {
    "1234567890",  "12345678910", "123456789a",   "a123456789",    "qwertyuiop", "1q2w3e4r5t",
    "password123", "password1!",  "Password123",  "Passw0rd123",   "admin12345", "Admin@12345",
    "Abc@123456",  "Aa123456789", "Zhaoshang123", "zhaoshang@2026"};

constexpr size_t kPassPhraseLength = 16;

// Unicode code points in valid UTF-8 (the request was checked to be UTF-8).
size_t CodePoints(absl::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

}  // namespace

absl::Status CheckUserName(absl::string_view field, absl::string_view user_name) {
  if (user_name.empty()) return InvalidField(field, "required");
  if (user_name.size() < 3 || user_name.size() > 32) {
    return InvalidField(field, "3 to 32 characters");
  }
  if (!absl::ascii_islower(user_name[0])) return InvalidField(field, "must start with a–z");
  for (char c : user_name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '.' && c != '_' && c != '-') {
      return InvalidField(field, "only a–z, 0–9, '.', '_' and '-'");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckPasswordPolicy(absl::string_view field, absl::string_view password,
                                 absl::string_view user_name) {
  if (password.empty()) return InvalidField(field, "required");
  const size_t length = CodePoints(password);
  if (length < 10) return InvalidField(field, "shorter than 10 characters");
  if (length > 128) return InvalidField(field, "longer than 128 characters");
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : password) {
    lower |= absl::ascii_islower(c);
    upper |= absl::ascii_isupper(c);
    digit |= absl::ascii_isdigit(c);
    other |= !absl::ascii_isalnum(c);
  }
  // Length beats variety: a pass phrase needs only two kinds of character.
  const int kinds_needed = length >= kPassPhraseLength ? 2 : 3;
  if (lower + upper + digit + other < kinds_needed) {
    return InvalidField(field, length >= kPassPhraseLength
                                   ? "use at least two of: lower case, upper case, digits, "
                                     "other characters"
                                   : "use at least three of: lower case, upper case, digits, "
                                     "other characters (two for 16 characters or more)");
  }
  if (!user_name.empty() &&
      absl::StrContains(absl::AsciiStrToLower(password), absl::AsciiStrToLower(user_name))) {
    return InvalidField(field, "must not contain the user name");
  }
  for (absl::string_view common : kCommonPasswords) {
    if (absl::EqualsIgnoreCase(password, common)) {
      return InvalidField(field, "a commonly used password; choose another");
    }
  }
  return absl::OkStatus();
}

bool IsLocked(const Throttle& throttle, absl::Time now) { return throttle.locked_until > now; }

Throttle AfterFailure(Throttle throttle, absl::Time now) {
  // Below the threshold, failures older than the window are forgiven; at or
  // above it the count keeps growing until a success or a reset.
  if (throttle.failures < kFailuresBeforeLockout && now - throttle.window_start > kFailureWindow) {
    throttle.failures = 0;
    throttle.window_start = now;
  }
  ++throttle.failures;
  if (throttle.failures >= kFailuresBeforeLockout) {
    const int doublings = std::min(throttle.failures - kFailuresBeforeLockout, 6);
    throttle.locked_until = now + std::min(kFirstLockout * (1 << doublings), kLongestLockout);
  }
  return throttle;
}

absl::Status CheckSessionLive(bool revoked, bool expired) {
  if (revoked) {
    return ErrorWithReason(absl::UnauthenticatedError("the session was ended: sign in again"),
                           "SESSION_REVOKED");
  }
  if (expired) {
    return ErrorWithReason(absl::UnauthenticatedError("the session has expired: sign in again"),
                           "SESSION_EXPIRED");
  }
  return absl::OkStatus();
}

}  // namespace zs::identity

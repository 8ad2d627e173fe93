// The rules of signing in, as plain functions tested without a server: what
// a user name and a password must be, how failed sign-ins lock an account
// out for a growing while, and when a sign-in session no longer counts.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace zs::identity {

// 3–32 characters of a–z, 0–9, '.', '_', '-', starting with a letter.
// INVALID_ARGUMENT naming `field`.
absl::Status CheckUserName(absl::string_view field, absl::string_view user_name);

// The password policy: 10–128 characters (Unicode code points); at least
// three of: lower case, upper case, digits, others (any non-ASCII character
// counts as "others"), or two for pass phrases of 16 characters or more
// (so a Chinese phrase with digits qualifies); not containing the user name
// (case-insensitively); not a commonly used password.
// INVALID_ARGUMENT naming `field`, saying what to change (never echoing the
// password).
absl::Status CheckPasswordPolicy(absl::string_view field, absl::string_view password,
                                 absl::string_view user_name);

// Failed sign-ins of one account. 5 failures within 15 minutes lock it for
// 1 minute; each further failure (after the lock ended) doubles the lock,
// up to 1 hour. A success or an admin's reset clears it.
struct Throttle {
  int failures = 0;
  absl::Time window_start = absl::InfinitePast();
  absl::Time locked_until = absl::InfinitePast();
};

inline constexpr int kFailuresBeforeLockout = 5;
inline constexpr absl::Duration kFailureWindow = absl::Minutes(15);
inline constexpr absl::Duration kFirstLockout = absl::Minutes(1);
inline constexpr absl::Duration kLongestLockout = absl::Hours(1);

bool IsLocked(const Throttle& throttle, absl::Time now);
// The throttle after a wrong password at `now` (never called while locked:
// a locked account's password is not checked).
Throttle AfterFailure(Throttle throttle, absl::Time now);

// A sign-in session counts until it is ended (`revoked`) or its expiry
// has passed (`expired`): UNAUTHENTICATED SESSION_REVOKED or
// SESSION_EXPIRED, saying to sign in again.
absl::Status CheckSessionLive(bool revoked, bool expired);

}  // namespace zs::identity

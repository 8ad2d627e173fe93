// The session cookies (see README "Gateway"): zs_access holds the
// short-lived access token (HttpOnly, SameSite=Strict, Path=/); zs_session
// holds the session secret, sent only to the refresh and sign-out endpoints
// (Path-limited, HttpOnly); zs_csrf is the double-submit token the console
// reads and repeats in X-CSRF-Token. Secure on all of them, unless the
// gateway serves plaintext on loopback (development).
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace zs::gateway {

inline constexpr char kAccessCookie[] = "zs_access";
inline constexpr char kSessionCookie[] = "zs_session";
inline constexpr char kCsrfCookie[] = "zs_csrf";
// The endpoints the session secret is sent to (identity's rules).
inline constexpr char kRefreshPath[] = "/v1/sessions:refresh";
inline constexpr char kSignOutPath[] = "/v1/sessions:delete";

// The value of cookie `name` in the request, or empty.
std::string CookieValue(const httplib::Request& request, absl::string_view name);

struct CookieSpec {
  std::string name;
  std::string value;
  std::string path = "/";
  long max_age_seconds = 0;  // 0 with an empty value: delete the cookie
  bool http_only = true;
  bool secure = true;
};
std::string SetCookieHeader(const CookieSpec& cookie);

// A random token for zs_csrf (base64url of 32 bytes).
std::string NewCsrfToken();

}  // namespace zs::gateway

#include "services/gateway/cookies.h"

#include <openssl/rand.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace zs::gateway {

std::string CookieValue(const httplib::Request& request, absl::string_view name) {
  const size_t count = request.get_header_value_count("Cookie");
  for (size_t i = 0; i < count; ++i) {
    const std::string header = request.get_header_value("Cookie", i);
    for (absl::string_view pair : absl::StrSplit(header, ';')) {
      pair = absl::StripAsciiWhitespace(pair);
      const size_t eq = pair.find('=');
      if (eq == absl::string_view::npos) continue;
      if (pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

std::string SetCookieHeader(const CookieSpec& cookie) {
  std::string header = absl::StrCat(cookie.name, "=", cookie.value, "; Path=", cookie.path,
                                    "; Max-Age=", cookie.value.empty() ? 0 : cookie.max_age_seconds,
                                    "; SameSite=Strict");
  if (cookie.http_only) absl::StrAppend(&header, "; HttpOnly");
  if (cookie.secure) absl::StrAppend(&header, "; Secure");
  return header;
}

std::string NewCsrfToken() {
  unsigned char bytes[32];
  RAND_bytes(bytes, sizeof bytes);
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace zs::gateway

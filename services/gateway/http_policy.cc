#include "services/gateway/http_policy.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "services/gateway/cookies.h"

namespace zs::gateway {

void AddSecurityHeaders(bool tls, httplib::Response* response) {
  // The console is served from here: its scripts, styles and images come
  // from this origin; Element Plus sets inline styles; charts and icons use
  // data: images. Nothing may frame it.
  response->set_header("Content-Security-Policy",
                       "default-src 'self'; script-src 'self'; "
                       "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                       "font-src 'self' data:; connect-src 'self'; object-src 'none'; "
                       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  response->set_header("X-Content-Type-Options", "nosniff");
  response->set_header("X-Frame-Options", "DENY");
  response->set_header("Referrer-Policy", "no-referrer");
  response->set_header("Cross-Origin-Opener-Policy", "same-origin");
  response->set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (tls) {
    response->set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

bool ClientRateLimiter::Admit(const std::string& client) {
  if (per_second_ <= 0) return true;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > 100'000) buckets_.clear();  // bounded memory under a flood of addresses
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{static_cast<double>(burst_), now});
  Bucket& bucket = it->second;
  const double elapsed = std::chrono::duration<double>(now - bucket.refilled).count();
  bucket.tokens = std::min<double>(burst_, bucket.tokens + elapsed * per_second_);
  bucket.refilled = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

bool IsUnsafeMethod(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

namespace {

// "https://host:port" → "host:port".
std::string HostOfOrigin(absl::string_view origin) {
  const size_t scheme = origin.find("://");
  if (scheme == absl::string_view::npos) return {};
  return std::string(origin.substr(scheme + 3));
}

}  // namespace

std::string CsrfRefusal(const httplib::Request& request,
                        const std::vector<std::string>& allowed_origins) {
  const std::string origin = request.get_header_value("Origin");
  if (origin.empty()) return "CSRF: a cookie-authenticated change needs an Origin header";
  const bool same_host = HostOfOrigin(origin) == request.get_header_value("Host");
  const bool allowed =
      std::find(allowed_origins.begin(), allowed_origins.end(), origin) != allowed_origins.end();
  if (!same_host && !allowed) return "CSRF: requests from origin " + origin + " are not accepted";
  const std::string cookie = CookieValue(request, kCsrfCookie);
  const std::string header = request.get_header_value("X-CSRF-Token");
  if (cookie.empty() || header != cookie) {
    return "CSRF: the X-CSRF-Token header must repeat the zs_csrf cookie";
  }
  return {};
}

size_t HeaderBytes(const httplib::Request& request) {
  size_t total = 0;
  for (const auto& [name, value] : request.headers) total += name.size() + value.size() + 4;
  return total;
}

}  // namespace zs::gateway

// What every HTTP answer and request is held to: security headers (a strict
// Content-Security-Policy fit for the console, no sniffing, no framing, HSTS
// under TLS), a per-client rate limit, and the CSRF rule for requests that
// ride on session cookies.
#pragma once

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace zs::gateway {

// Adds the security headers to `response`; `tls`: the listener serves HTTPS.
void AddSecurityHeaders(bool tls, httplib::Response* response);

// A token bucket per client address. `per_second` 0: unlimited.
class ClientRateLimiter {
 public:
  ClientRateLimiter(double per_second, int burst) : per_second_(per_second), burst_(burst) {}
  // True if `client` may make one more request now.
  bool Admit(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point refilled;
  };
  const double per_second_;
  const int burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// The CSRF rule for a request authenticated by cookies with an unsafe method
// (anything but GET, HEAD, OPTIONS): its Origin must be the gateway's own
// (the Host it was sent to) or one of `allowed_origins`, and its
// X-CSRF-Token header must equal the zs_csrf cookie (double submit). Empty
// when allowed; otherwise why not.
std::string CsrfRefusal(const httplib::Request& request,
                        const std::vector<std::string>& allowed_origins);

bool IsUnsafeMethod(const std::string& method);

// Sum of header names and values, for the header size limit.
size_t HeaderBytes(const httplib::Request& request);

}  // namespace zs::gateway

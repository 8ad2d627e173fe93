// The HTTP front door: /v1/ requests are transcoded to the services' RPCs by
// the route table; the sign-in endpoints also set and clear the session
// cookies; other GETs are the console's static files. Every answer carries
// the security headers; every client is rate limited.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "common/request_limits.h"
#include "services/gateway/backends.h"
#include "services/gateway/contracts.h"
#include "services/gateway/http_policy.h"
#include "services/gateway/routes.h"
#include "services/gateway/static_files.h"

namespace zs::gateway {

struct GatewayConfig {
  bool tls = false;                            // HTTPS: cookies Secure, HSTS sent
  std::string static_dir;                      // empty: no console
  size_t max_request_bytes = kMaxUploadBytes;  // common/request_limits.h
  size_t max_header_bytes = 16 << 10;
  double rate_limit_per_second = 50;  // per client address; 0: unlimited
  int rate_limit_burst = 100;
  std::vector<std::string> allowed_origins;  // besides the gateway's own
};

class Gateway {
 public:
  Gateway(const Contracts& contracts, const RouteTable& routes, const Backends& backends,
          GatewayConfig config);

  // Registers the handlers and limits on `server`.
  void Install(httplib::Server* server);

 private:
  void HandleApi(const httplib::Request& request, httplib::Response* response) const;
  void Answer(const httplib::Request& request, const Route& route,
              const google::protobuf::Message& answer, httplib::Response* response) const;
  void SetSessionCookies(const google::protobuf::Message& session,
                         httplib::Response* response) const;
  void ClearSessionCookies(httplib::Response* response) const;

  const Contracts& contracts_;
  const RouteTable& routes_;
  const Backends& backends_;
  const GatewayConfig config_;
  const std::string openapi_;
  StaticFiles static_files_;
  mutable ClientRateLimiter rate_limiter_;
};

}  // namespace zs::gateway

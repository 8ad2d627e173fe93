// The HTTP front door's Prometheus metrics (zs-gateway), beside the
// services' RPC metrics in the same registry (metrics.h), served on the
// gateway's own --metrics_listen by the same MetricsEndpoint:
//
//   zs_http_server_requests_total{route,method,status}   answers, by the
//       route's template (`/v1/leads/{id}`, never the id), HTTP method and
//       status; `static` for the console's files, `health` for /healthz and
//       /readyz, `unmatched` for a path no route knows
//   zs_http_server_request_duration_seconds{route,method}   histogram,
//       from the request's headers read to its answer written
//   zs_http_server_requests_in_flight                  being answered now
//   zs_http_rate_limited_requests_total                refused with 429:
//       the client address was over its rate
//   zs_sign_ins_total{outcome}                         POST /v1/sessions:
//       succeeded, wrong_credentials (wrong password or disabled account),
//       throttled (too many failures), invalid (a bad or cross-site
//       request), error (the identity service failed or was unreachable)
#pragma once

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace zs::metrics {

void HttpRequestStarted();
// Pairs with HttpRequestStarted, except for a request refused before it
// was read whole (`started` false: nothing in flight to end).
void HttpRequestFinished(absl::string_view route, absl::string_view method, int status,
                         absl::Duration took, bool started);
// A request that ended without an answer (its connection broke while its
// body was read): no longer in flight, not counted as answered.
void HttpRequestAbandoned();
void CountHttpRateLimited();
void CountSignIn(absl::string_view outcome);

}  // namespace zs::metrics

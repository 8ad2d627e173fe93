// The service's Prometheus metrics, in one place: what each is called, its
// labels and units, and the few calls the rest of common/ makes to move them.
// prometheus-cpp (Debian's prometheus-cpp-dev) keeps the values and writes
// the text exposition format; service_main serves them on --metrics_listen.
//
// Names follow Prometheus conventions: base units (seconds, bytes), `_total`
// on counters, labels with few values (a method, a code, a pool; never an
// id). Each function is cheap enough for every call's path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace prometheus {
class Registry;
}

namespace zs::metrics {

// Every metric below lives here; process metrics are added by
// ProcessCollector (process_metrics.h) beside it.
std::shared_ptr<prometheus::Registry> Registry();
// Histogram bounds in seconds for handling times, RPC or HTTP: a cached read
// takes about a millisecond, a report a few seconds, the deadline cap is 30 s.
const std::vector<double>& LatencyBuckets();

// The `service` label of the RPC metrics ("lead"); set once in main().
void SetServiceName(absl::string_view service);

// zs_rpc_server_started_total / zs_rpc_server_calls_in_flight: a call was
// admitted to the executor. Pair with RpcFinished.
void RpcStarted();
// zs_rpc_server_handled_total{service,method,code} and
// zs_rpc_server_handling_seconds{service,method} (histogram).
void RpcFinished(absl::string_view method, absl::string_view code, absl::Duration took);

// One worker pool's gauges and histograms, all labelled {pool}:
//   zs_db_pool_size, zs_db_pool_queue_limit     (constants, for ratios)
//   zs_db_pool_queued_calls                     jobs waiting for a worker
//   zs_db_pool_connections_in_use               workers running a job
//   zs_db_pool_wait_seconds                     time a job waited (histogram)
//   zs_db_pool_job_seconds                      time a job held its worker
//                                               (reporting's "reports" pool:
//                                               a report's build time)
//   zs_db_pool_rejected_total                   jobs refused: queue full
class PoolMetrics {
 public:
  PoolMetrics(absl::string_view pool, int size, int queue_limit);
  ~PoolMetrics();
  PoolMetrics(const PoolMetrics&) = delete;
  PoolMetrics& operator=(const PoolMetrics&) = delete;

  void Queued();
  void Rejected();
  // A worker took a job that waited `waited`.
  void Started(absl::Duration waited);
  // The job a worker ran for `took` finished.
  void Finished(absl::Duration took);

 private:
  struct Series;
  std::unique_ptr<Series> series_;
};

// zs_db_statement_errors_total{sqlstate_class}: a statement failed with this
// SQLSTATE ("23505" counts under class "23", integrity constraint
// violation; "40" is serialization failures and deadlocks, retried).
void CountStatementError(absl::string_view sqlstate);

// zs_auth_failures_total{reason}: a call refused before it ran, by why:
// missing_token, invalid_token, expired_token, revoked_token,
// missing_principal (development metadata), permission_denied.
void CountAuthFailure(absl::string_view reason);

// zs_rate_limited_calls_total: calls refused because their principal was
// over its rate.
void CountRateLimited();

// zs_idempotency_records (gauge, the planner's row estimate) and
// zs_idempotency_records_purged_total.
void SetIdempotencyRecords(double estimate);
void CountIdempotencyPurged(long purged);

// zs_report_deltas_folded_total and zs_report_rollup_lag_seconds (gauge:
// how long the oldest delta of the last fold waited, common/report_rollup.h).
void ObserveReportFold(long folded, double oldest_seconds);

// zs_credential_expiry_timestamp_seconds{credential}: when this process's
// own credential ("service_token", "tls_certificate") stops being valid,
// in Unix seconds. Alert on `… - time() < 7 * 86400`.
void SetCredentialExpiry(absl::string_view credential, absl::Time expires_at);

}  // namespace zs::metrics

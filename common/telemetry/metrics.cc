#include "common/telemetry/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace zs::metrics {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

// Everything is created once, on first use, and lives as long as the
// process (the registry hands out references that must stay valid).
struct Families {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  Family<Counter>& handled = prometheus::BuildCounter()
                                 .Name("zs_rpc_server_handled_total")
                                 .Help("Calls completed, by service, method and gRPC code.")
                                 .Register(*registry);
  Family<Histogram>& handling =
      prometheus::BuildHistogram()
          .Name("zs_rpc_server_handling_seconds")
          .Help("Time from a call's arrival to its answer, queueing included.")
          .Register(*registry);
  Family<Counter>& started = prometheus::BuildCounter()
                                 .Name("zs_rpc_server_started_total")
                                 .Help("Calls admitted, by service.")
                                 .Register(*registry);
  Family<Gauge>& in_flight = prometheus::BuildGauge()
                                 .Name("zs_rpc_server_calls_in_flight")
                                 .Help("Calls admitted and not yet answered.")
                                 .Register(*registry);
  Family<Gauge>& pool_size = prometheus::BuildGauge()
                                 .Name("zs_db_pool_size")
                                 .Help("Workers (each with one database connection) in the pool.")
                                 .Register(*registry);
  Family<Gauge>& pool_queue_limit =
      prometheus::BuildGauge()
          .Name("zs_db_pool_queue_limit")
          .Help("Jobs the pool queues before refusing calls with RESOURCE_EXHAUSTED.")
          .Register(*registry);
  Family<Gauge>& pool_queued = prometheus::BuildGauge()
                                   .Name("zs_db_pool_queued_calls")
                                   .Help("Jobs waiting for a free worker.")
                                   .Register(*registry);
  Family<Gauge>& pool_in_use = prometheus::BuildGauge()
                                   .Name("zs_db_pool_connections_in_use")
                                   .Help("Workers (connections) running a job now.")
                                   .Register(*registry);
  Family<Histogram>& pool_wait = prometheus::BuildHistogram()
                                     .Name("zs_db_pool_wait_seconds")
                                     .Help("Time a job waited for a free worker.")
                                     .Register(*registry);
  Family<Histogram>& pool_job = prometheus::BuildHistogram()
                                    .Name("zs_db_pool_job_seconds")
                                    .Help(
                                        "Time a job held its worker (for the reports pool: "
                                        "a report's build time).")
                                    .Register(*registry);
  Family<Counter>& pool_rejected = prometheus::BuildCounter()
                                       .Name("zs_db_pool_rejected_total")
                                       .Help("Jobs refused because the queue was full.")
                                       .Register(*registry);
  Family<Counter>& statement_errors =
      prometheus::BuildCounter()
          .Name("zs_db_statement_errors_total")
          .Help("Failed SQL statements by SQLSTATE class (first two characters).")
          .Register(*registry);
  Family<Counter>& auth_failures = prometheus::BuildCounter()
                                       .Name("zs_auth_failures_total")
                                       .Help(
                                           "Calls refused by authentication or the role table, "
                                           "by reason.")
                                       .Register(*registry);
  Counter& rate_limited = prometheus::BuildCounter()
                              .Name("zs_rate_limited_calls_total")
                              .Help("Calls refused because their principal was over its rate.")
                              .Register(*registry)
                              .Add({});
  Gauge& idempotency_records = prometheus::BuildGauge()
                                   .Name("zs_idempotency_records")
                                   .Help(
                                       "Request ids remembered for retries (the planner's "
                                       "estimate, refreshed when old ones are purged).")
                                   .Register(*registry)
                                   .Add({});
  Counter& idempotency_purged = prometheus::BuildCounter()
                                    .Name("zs_idempotency_records_purged_total")
                                    .Help("Request ids forgotten after the retention window.")
                                    .Register(*registry)
                                    .Add({});
  Counter& report_deltas_folded = prometheus::BuildCounter()
                                      .Name("zs_report_deltas_folded_total")
                                      .Help("Report delta rows folded into the rollup cells.")
                                      .Register(*registry)
                                      .Add({});
  Gauge& report_rollup_lag = prometheus::BuildGauge()
                                 .Name("zs_report_rollup_lag_seconds")
                                 .Help(
                                     "How long the oldest delta of the last fold waited to be "
                                     "folded into the report rollups.")
                                 .Register(*registry)
                                 .Add({});
  Family<Gauge>& credential_expiry =
      prometheus::BuildGauge()
          .Name("zs_credential_expiry_timestamp_seconds")
          .Help("When this process's own credential expires (Unix seconds).")
          .Register(*registry);

  absl::Mutex mu;
  std::string service = "zs";
  Counter* started_series = &started.Add({{"service", service}});
  Gauge* in_flight_series = &in_flight.Add({{"service", service}});
  // Series by method (and code), so a call's path looks up one short key
  // instead of building a label map.
  absl::flat_hash_map<std::string, Counter*> handled_series ABSL_GUARDED_BY(mu);
  absl::flat_hash_map<std::string, Histogram*> handling_series ABSL_GUARDED_BY(mu);
};

Families& Get() {
  static Families* const families = new Families();
  return *families;
}

}  // namespace

const std::vector<double>& LatencyBuckets() {
  static const std::vector<double> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                               0.25,   0.5,   1,      2.5,   5,    10,    30};
  return kBuckets;
}

std::shared_ptr<prometheus::Registry> Registry() { return Get().registry; }

void SetServiceName(absl::string_view service) {
  Families& f = Get();
  absl::MutexLock lock(&f.mu);
  f.service = std::string(service);
  f.started_series = &f.started.Add({{"service", f.service}});
  f.in_flight_series = &f.in_flight.Add({{"service", f.service}});
  f.handled_series.clear();
  f.handling_series.clear();
}

void RpcStarted() {
  Families& f = Get();
  absl::MutexLock lock(&f.mu);
  f.started_series->Increment();
  f.in_flight_series->Increment();
}

void RpcFinished(absl::string_view method, absl::string_view code, absl::Duration took) {
  Families& f = Get();
  Counter* handled;
  Histogram* handling;
  {
    absl::MutexLock lock(&f.mu);
    f.in_flight_series->Decrement();
    Counter*& counter = f.handled_series[absl::StrCat(method, "\x1f", code)];
    if (counter == nullptr) {
      counter = &f.handled.Add(
          {{"service", f.service}, {"method", std::string(method)}, {"code", std::string(code)}});
    }
    handled = counter;
    auto [it, inserted] = f.handling_series.try_emplace(method, nullptr);
    if (inserted) {
      it->second = &f.handling.Add({{"service", f.service}, {"method", std::string(method)}},
                                   LatencyBuckets());
    }
    handling = it->second;
  }
  handled->Increment();
  handling->Observe(absl::ToDoubleSeconds(took));
}

struct PoolMetrics::Series {
  Gauge& size;
  Gauge& queue_limit;
  Gauge& queued;
  Gauge& in_use;
  Histogram& wait;
  Histogram& job;
  Counter& rejected;
  int size_value;
  int queue_limit_value;
};

PoolMetrics::PoolMetrics(absl::string_view pool, int size, int queue_limit) {
  Families& f = Get();
  const prometheus::Labels labels = {{"pool", std::string(pool)}};
  // Pools of one name in one process (tests run several services together)
  // share series: their sizes add up.
  // NOLINTNEXTLINE(modernize-make-unique): make_unique cannot name the fields
  series_.reset(new Series{.size = f.pool_size.Add(labels),
                           .queue_limit = f.pool_queue_limit.Add(labels),
                           .queued = f.pool_queued.Add(labels),
                           .in_use = f.pool_in_use.Add(labels),
                           .wait = f.pool_wait.Add(labels, LatencyBuckets()),
                           .job = f.pool_job.Add(labels, LatencyBuckets()),
                           .rejected = f.pool_rejected.Add(labels),
                           .size_value = size,
                           .queue_limit_value = queue_limit});
  series_->size.Increment(size);
  series_->queue_limit.Increment(queue_limit);
}

PoolMetrics::~PoolMetrics() {
  series_->size.Decrement(series_->size_value);
  series_->queue_limit.Decrement(series_->queue_limit_value);
}

void PoolMetrics::Queued() { series_->queued.Increment(); }
void PoolMetrics::Rejected() { series_->rejected.Increment(); }

void PoolMetrics::Started(absl::Duration waited) {
  series_->queued.Decrement();
  series_->in_use.Increment();
  series_->wait.Observe(absl::ToDoubleSeconds(waited));
}

void PoolMetrics::Finished(absl::Duration took) {
  series_->in_use.Decrement();
  series_->job.Observe(absl::ToDoubleSeconds(took));
}

void CountStatementError(absl::string_view sqlstate) {
  Get().statement_errors.Add({{"sqlstate_class", std::string(sqlstate.substr(0, 2))}}).Increment();
}

void CountAuthFailure(absl::string_view reason) {
  Get().auth_failures.Add({{"reason", std::string(reason)}}).Increment();
}

void CountRateLimited() { Get().rate_limited.Increment(); }

void SetIdempotencyRecords(double estimate) { Get().idempotency_records.Set(estimate); }

void CountIdempotencyPurged(long purged) {
  Get().idempotency_purged.Increment(static_cast<double>(purged));
}

void ObserveReportFold(long folded, double oldest_seconds) {
  Get().report_deltas_folded.Increment(static_cast<double>(folded));
  Get().report_rollup_lag.Set(oldest_seconds);
}

void SetCredentialExpiry(absl::string_view credential, absl::Time expires_at) {
  Get()
      .credential_expiry.Add({{"credential", std::string(credential)}})
      .Set(absl::ToDoubleSeconds(expires_at - absl::UnixEpoch()));
}

}  // namespace zs::metrics

#include "common/telemetry/http_metrics.h"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/telemetry/metrics.h"

namespace zs::metrics {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;

struct HttpFamilies {
  Family<Counter>& requests = prometheus::BuildCounter()
                                  .Name("zs_http_server_requests_total")
                                  .Help(
                                      "HTTP requests answered, by route template, method "
                                      "and status.")
                                  .Register(*Registry());
  Family<Histogram>& duration =
      prometheus::BuildHistogram()
          .Name("zs_http_server_request_duration_seconds")
          .Help("Time from a request's headers read to its answer, by route template and method.")
          .Register(*Registry());
  Gauge& in_flight = prometheus::BuildGauge()
                         .Name("zs_http_server_requests_in_flight")
                         .Help("HTTP requests being answered now.")
                         .Register(*Registry())
                         .Add({});
  Counter& rate_limited = prometheus::BuildCounter()
                              .Name("zs_http_rate_limited_requests_total")
                              .Help(
                                  "Requests refused with 429: their client address was over "
                                  "its rate.")
                              .Register(*Registry())
                              .Add({});
  Family<Counter>& sign_ins = prometheus::BuildCounter()
                                  .Name("zs_sign_ins_total")
                                  .Help("Sign-ins (POST /v1/sessions), by outcome.")
                                  .Register(*Registry());

  absl::Mutex mu;
  // Series by their label values, so a request's path looks up one short
  // key instead of building a label map.
  absl::flat_hash_map<std::string, Counter*> request_series ABSL_GUARDED_BY(mu);
  absl::flat_hash_map<std::string, Histogram*> duration_series ABSL_GUARDED_BY(mu);
};

HttpFamilies& Get() {
  static HttpFamilies* const families = new HttpFamilies();
  return *families;
}

}  // namespace

void HttpRequestStarted() { Get().in_flight.Increment(); }

void HttpRequestFinished(absl::string_view route, absl::string_view method, int status,
                         absl::Duration took, bool started) {
  HttpFamilies& f = Get();
  if (started) f.in_flight.Decrement();
  Counter* requests;
  Histogram* duration;
  {
    absl::MutexLock lock(&f.mu);
    const std::string key = absl::StrCat(route, "\x1f", method);
    Counter*& counter = f.request_series[absl::StrCat(key, "\x1f", status)];
    if (counter == nullptr) {
      counter = &f.requests.Add({{"route", std::string(route)},
                                 {"method", std::string(method)},
                                 {"status", absl::StrCat(status)}});
    }
    requests = counter;
    Histogram*& histogram = f.duration_series[key];
    if (histogram == nullptr) {
      histogram = &f.duration.Add({{"route", std::string(route)}, {"method", std::string(method)}},
                                  LatencyBuckets());
    }
    duration = histogram;
  }
  requests->Increment();
  duration->Observe(absl::ToDoubleSeconds(took));
}

void HttpRequestAbandoned() { Get().in_flight.Decrement(); }

void CountHttpRateLimited() { Get().rate_limited.Increment(); }

void CountSignIn(absl::string_view outcome) {
  Get().sign_ins.Add({{"outcome", std::string(outcome)}}).Increment();
}

}  // namespace zs::metrics

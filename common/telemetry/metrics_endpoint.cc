#include "common/telemetry/metrics_endpoint.h"

#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include "absl/strings/str_cat.h"
#include "common/telemetry/metrics.h"
#include "common/telemetry/process_metrics.h"

namespace zs {

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(const std::string& listen) {
  if (listen.empty()) return nullptr;
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  try {
    // One thread: a scrape is a few kilobytes every few seconds.
    endpoint->exposer_ = std::make_unique<prometheus::Exposer>(listen, 1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", listen, ": ", e.what()));
  }
  auto process = std::make_shared<metrics::ProcessCollector>();
  endpoint->exposer_->RegisterCollectable(metrics::Registry());
  endpoint->exposer_->RegisterCollectable(process);
  endpoint->process_collector_ = process;
  const std::vector<int> ports = endpoint->exposer_->GetListeningPorts();
  endpoint->port_ = ports.empty() ? 0 : ports.front();
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() = default;

}  // namespace zs

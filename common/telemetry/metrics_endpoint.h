// The /metrics endpoint: metrics::Registry() and the process metrics in the
// Prometheus text format, over plain HTTP on its own port (civetweb, through
// prometheus-cpp's Exposer), so scrapes never queue behind calls and need no
// gRPC or TLS client.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace prometheus {
class Exposer;
}

namespace zs {

class MetricsEndpoint {
 public:
  // Serves on `listen` ("0.0.0.0:9101", "127.0.0.1:0"); an empty address
  // serves nothing and returns null. UNAVAILABLE when it cannot listen.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(const std::string& listen);
  ~MetricsEndpoint();

  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::shared_ptr<void> process_collector_;
  int port_ = 0;
};

}  // namespace zs

#include "tests/bench/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace zs::bench {

double MethodStats::Percentile(double p) const {
  if (latencies_ms.empty()) return 0;
  std::vector<double> sorted = latencies_ms;
  const size_t rank =
      std::min(sorted.size() - 1, static_cast<size_t>(std::ceil(p / 100.0 * sorted.size())) - 1);
  std::nth_element(sorted.begin(), sorted.begin() + rank, sorted.end());
  return sorted[rank];
}

void RunStats::Record(const std::string& method, absl::Duration latency,
                      const grpc::Status& status) {
  std::lock_guard lock(mu_);
  MethodStats& stats = methods_[method];
  if (status.ok()) {
    stats.latencies_ms.push_back(absl::ToDoubleMilliseconds(latency));
  } else {
    if (stats.errors[status.error_code()]++ == 0) {
      stats.first_error[status.error_code()] = status.error_message();
    }
  }
}

std::map<std::string, MethodStats> RunStats::Finish(absl::Duration elapsed) {
  std::lock_guard lock(mu_);
  for (auto& [name, stats] : methods_) {
    stats.qps = stats.latencies_ms.size() / absl::ToDoubleSeconds(elapsed);
  }
  return std::move(methods_);
}

}  // namespace zs::bench

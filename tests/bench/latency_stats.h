// Latencies and outcomes of one benchmark run, per method: calls per
// second, p50/p95/p99 and error counts by status code.
#pragma once

#include <grpcpp/support/status.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace zs::bench {

struct MethodStats {
  std::vector<double> latencies_ms;  // successful calls only
  std::map<grpc::StatusCode, int> errors;
  std::map<grpc::StatusCode, std::string> first_error;  // an example message per code
  double qps = 0;
  double Percentile(double p) const;  // of latencies_ms, 0 when empty
};

class RunStats {
 public:
  void Record(const std::string& method, absl::Duration latency, const grpc::Status& status);
  // Fixes each method's QPS over `elapsed`; returns the methods by name.
  std::map<std::string, MethodStats> Finish(absl::Duration elapsed);

 private:
  std::mutex mu_;
  std::map<std::string, MethodStats> methods_;
};

}  // namespace zs::bench

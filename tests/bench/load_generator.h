// A closed-loop load generator on gRPC's callback client API: N callers,
// each starting its next call as soon as the last one answers, for a fixed
// time or number of calls, whichever comes first. No threads per caller:
// the callbacks chain the calls.
#pragma once

#include <grpcpp/support/status.h>

#include <functional>
#include <map>
#include <random>
#include <string>

#include "absl/time/time.h"
#include "tests/bench/latency_stats.h"

namespace zs::bench {

// Starts one call for caller `caller` and calls `done` exactly once with
// its status. `name` is the method it called, for the statistics.
using Operation =
    std::function<void(int caller, std::mt19937& random,
                       std::function<void(const std::string& name, const grpc::Status&)> done)>;

struct LoadLimits {
  int callers = 1;
  absl::Duration duration = absl::Seconds(10);
  long max_calls = 10'000'000;
};

struct LoadResult {
  std::map<std::string, MethodStats> methods;
  absl::Duration elapsed;
};

// `sample` runs about once a second on the calling thread while the load
// runs (e.g. to read the services' memory).
LoadResult RunLoad(const LoadLimits& limits, const Operation& operation,
                   const std::function<void()>& sample = {});

}  // namespace zs::bench

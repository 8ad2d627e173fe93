// PostgreSQL's own limit on this machine: pgbench running a custom script
// (the statement a service call boils down to) at a given concurrency.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace zs::bench {

struct PgbenchResult {
  double tps = 0;
  double latency_ms = 0;  // average
};

// Runs `script` (pgbench syntax) with `clients` connections for `seconds`
// against `conninfo`; `pgbench` is the binary.
absl::StatusOr<PgbenchResult> RunPgbench(const std::string& pgbench, const std::string& conninfo,
                                         const std::string& script, int clients, int seconds);

}  // namespace zs::bench

// Structured logs: one JSON object per line on stderr, so the cluster's log
// collector can index fields (method, code, latency_ms, principal, request_id).
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/strings/string_view.h"

namespace zs {

// Sets up the process-wide logger; `service` is added to every line.
void InitLogging(absl::string_view service);

void LogInfo(absl::string_view message);
void LogWarning(absl::string_view message);
void LogError(absl::string_view message);

struct CallLogLine {
  absl::string_view method;
  absl::string_view code;
  double latency_ms = 0;
  absl::string_view principal;
  absl::string_view request_id;
  absl::string_view error;  // empty when OK
};
void LogCall(const CallLogLine& line);

}  // namespace zs

// Structured logs: one JSON object per line on stderr, so the cluster's log
// collector can index fields (method, code, latency_ms, principal, request_id).
// A line written while a call's work runs on the thread carries the call's
// trace_id and span_id (telemetry/trace_context.h), so one trace's lines can
// be found in every service's log.
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
  absl::string_view principal;     // who called (for a service: the service)
  absl::string_view on_behalf_of;  // the person a service account acts for
  absl::string_view request_id;    // empty on reads
  absl::string_view peer;          // the client's address, as gRPC names it
  absl::string_view trace_id;
  absl::string_view span_id;
  absl::string_view parent_span_id;
  absl::string_view refusal;   // why the gatekeeper refused the call, if it did
  absl::string_view token_id;  // the refused token's id (never the token)
  absl::string_view error;     // empty when OK
};
void LogCall(const CallLogLine& line);

}  // namespace zs

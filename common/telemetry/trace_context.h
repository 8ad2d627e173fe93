// W3C Trace Context (https://www.w3.org/TR/trace-context/): a call arrives
// with a `traceparent` header ("00-<32 hex trace id>-<16 hex parent span
// id>-<2 hex flags>") or without one; either way it gets a span of its own
// in the same trace (or a new trace), every log line written while it runs
// names both, and every call it makes to another service carries the
// trace on with this span as the parent. No spans are exported: the ids
// tie the services' log lines together.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace zs {

inline constexpr char kTraceparentMetadataKey[] = "traceparent";

struct TraceContext {
  std::string trace_id;        // 32 lowercase hex digits, not all zero
  std::string span_id;         // 16 lowercase hex digits, not all zero
  std::string parent_span_id;  // the caller's span; empty at a trace's root
  bool sampled = true;

  // "00-<trace_id>-<span_id>-<flags>": what a call made from this span sends.
  std::string Traceparent() const;
};

// The caller's trace and span, or nullopt for a missing or malformed header
// (which, per the spec, starts a new trace rather than failing the call).
std::optional<TraceContext> ParseTraceparent(absl::string_view header);

// A new span: a child of `parent` when given, else the root of a new trace.
TraceContext StartSpan(const std::optional<TraceContext>& parent);

// The span whose ids this thread's log lines carry (see logging.h). Set for
// the time a call's work runs on a thread.
class ScopedTraceLogging {
 public:
  explicit ScopedTraceLogging(const TraceContext& trace);
  ~ScopedTraceLogging();
  ScopedTraceLogging(const ScopedTraceLogging&) = delete;
  ScopedTraceLogging& operator=(const ScopedTraceLogging&) = delete;

 private:
  const TraceContext* previous_;
};

// The span set on this thread, or null.
const TraceContext* CurrentTrace();

}  // namespace zs

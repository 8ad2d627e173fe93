#include "common/telemetry/trace_context.h"

#include <openssl/rand.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace zs {
namespace {

thread_local const TraceContext* current_trace = nullptr;

bool IsLowerHex(absl::string_view text, size_t length) {
  if (text.size() != length) return false;
  bool nonzero = false;
  for (char c : text) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
    nonzero |= c != '0';
  }
  return nonzero;
}

std::string RandomHex(size_t bytes) {
  std::string raw(bytes, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes));
  std::string hex = absl::BytesToHexString(raw);
  if (hex.find_first_not_of('0') == std::string::npos) hex.back() = '1';  // never all zero
  return hex;
}

}  // namespace

std::string TraceContext::Traceparent() const {
  return absl::StrCat("00-", trace_id, "-", span_id, sampled ? "-01" : "-00");
}

std::optional<TraceContext> ParseTraceparent(absl::string_view header) {
  header = absl::StripAsciiWhitespace(header);
  const std::vector<absl::string_view> parts = absl::StrSplit(header, '-');
  // Version 00 has exactly four parts; a later version may append more,
  // and its first four are read the same way.
  if (parts.size() < 4 || parts[0].size() != 2 || parts[0] == "ff" ||
      (parts[0] == "00" && parts.size() != 4)) {
    return std::nullopt;
  }
  if (!IsLowerHex(parts[1], 32) || !IsLowerHex(parts[2], 16) || parts[3].size() != 2 ||
      !absl::ascii_isxdigit(parts[3][0]) || !absl::ascii_isxdigit(parts[3][1])) {
    return std::nullopt;
  }
  const int flags = std::stoi(std::string(parts[3]), nullptr, 16);
  return TraceContext{.trace_id = std::string(parts[1]),
                      .span_id = std::string(parts[2]),
                      .parent_span_id = {},
                      .sampled = (flags & 1) != 0};
}

TraceContext StartSpan(const std::optional<TraceContext>& parent) {
  if (!parent.has_value()) {
    return {.trace_id = RandomHex(16), .span_id = RandomHex(8), .parent_span_id = {}};
  }
  return {.trace_id = parent->trace_id,
          .span_id = RandomHex(8),
          .parent_span_id = parent->span_id,
          .sampled = parent->sampled};
}

ScopedTraceLogging::ScopedTraceLogging(const TraceContext& trace) : previous_(current_trace) {
  current_trace = &trace;
}

ScopedTraceLogging::~ScopedTraceLogging() { current_trace = previous_; }

const TraceContext* CurrentTrace() { return current_trace; }

}  // namespace zs

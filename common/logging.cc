#include "common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "common/telemetry/trace_context.h"

namespace zs {
namespace {

// JSON string escaping for values we log (messages may hold any UTF-8).
std::string Quote(absl::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(c);
        }
    }
  }
  out += "\"";
  return out;
}

}  // namespace

void InitLogging(absl::string_view service) {
  std::shared_ptr<spdlog::logger> logger = spdlog::get("zs");
  if (logger == nullptr) logger = spdlog::stderr_logger_mt("zs");
  logger->set_pattern(absl::StrCat(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","service":")",
                                   service, R"(",%v})"),
                      spdlog::pattern_time_type::utc);
  spdlog::set_default_logger(logger);
}

// The message and, inside a call, its trace.
std::string Fields(absl::string_view message) {
  std::string fields = absl::StrCat("\"msg\":", Quote(message));
  if (const TraceContext* trace = CurrentTrace()) {
    absl::StrAppend(&fields, ",\"trace_id\":\"", trace->trace_id, "\",\"span_id\":\"",
                    trace->span_id, "\"");
  }
  return fields;
}

void LogInfo(absl::string_view message) { spdlog::info("{}", Fields(message)); }
void LogWarning(absl::string_view message) { spdlog::warn("{}", Fields(message)); }
void LogError(absl::string_view message) { spdlog::error("{}", Fields(message)); }

void LogCall(const CallLogLine& line) {
  std::string fields = absl::StrFormat(
      R"("msg":"rpc","method":%s,"code":%s,"latency_ms":%.3f,"principal":%s,"request_id":%s,)"
      R"("peer":%s,"trace_id":%s,"span_id":%s)",
      Quote(line.method), Quote(line.code), line.latency_ms, Quote(line.principal),
      Quote(line.request_id), Quote(line.peer), Quote(line.trace_id), Quote(line.span_id));
  // Fields that are often empty are left out when they are.
  const std::pair<const char*, absl::string_view> optional[] = {
      {"on_behalf_of", line.on_behalf_of},
      {"parent_span_id", line.parent_span_id},
      {"refusal", line.refusal},
      {"token_id", line.token_id},
      {"error", line.error}};
  for (const auto& [name, value] : optional) {
    if (!value.empty()) absl::StrAppend(&fields, ",\"", name, "\":", Quote(value));
  }
  spdlog::info("{}", fields);
}

}  // namespace zs

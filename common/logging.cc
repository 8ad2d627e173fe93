#include "common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

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

void LogInfo(absl::string_view message) { spdlog::info("\"msg\":{}", Quote(message)); }
void LogWarning(absl::string_view message) { spdlog::warn("\"msg\":{}", Quote(message)); }
void LogError(absl::string_view message) { spdlog::error("\"msg\":{}", Quote(message)); }

void LogCall(const CallLogLine& line) {
  std::string fields = absl::StrFormat(
      R"("msg":"rpc","method":%s,"code":%s,"latency_ms":%.3f,"principal":%s,"request_id":%s)",
      Quote(line.method), Quote(line.code), line.latency_ms, Quote(line.principal),
      Quote(line.request_id));
  if (!line.error.empty()) absl::StrAppend(&fields, ",\"error\":", Quote(line.error));
  spdlog::info("{}", fields);
}

}  // namespace zs

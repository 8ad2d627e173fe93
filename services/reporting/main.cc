// The reporting service process: wiring only (see common/service_main.h).
// It owns no schema; it reads the lead and project services over gRPC.
#include <grpcpp/create_channel.h>

#include "absl/flags/flag.h"
#include "common/config.h"
#include "common/service_main.h"
#include "services/reporting/reporting_service.h"

ABSL_FLAG(std::string, lead_address, zs::EnvOr("ZS_LEAD_ADDRESS", "127.0.0.1:7101"),
          "the lead service (env ZS_LEAD_ADDRESS)");
ABSL_FLAG(std::string, project_address, zs::EnvOr("ZS_PROJECT_ADDRESS", "127.0.0.1:7102"),
          "the project service (env ZS_PROJECT_ADDRESS)");
ABSL_FLAG(int, source_timeout_ms, zs::EnvOr("ZS_SOURCE_TIMEOUT_MS", 5000),
          "deadline for each call to the lead and project services (env ZS_SOURCE_TIMEOUT_MS)");
ABSL_FLAG(int, closed_period_cache_seconds, zs::EnvOr("ZS_CLOSED_PERIOD_CACHE_SECONDS", 300),
          "how long a closed period's report is reused (env ZS_CLOSED_PERIOD_CACHE_SECONDS)");

ABSL_FLAG(std::string, district_name, zs::EnvOr("ZS_DISTRICT_NAME", "源汇区"),
          "the district named in export titles (env ZS_DISTRICT_NAME)");
ABSL_FLAG(std::string, issuing_unit, zs::EnvOr("ZS_ISSUING_UNIT", "源汇区投资促进局"),
          "制表单位 printed on exports (env ZS_ISSUING_UNIT)");

int main(int argc, char** argv) {
  std::unique_ptr<zs::reporting::ReportSources> sources;
  return zs::RunServiceMain(
      {.name = "reporting",
       .schema = "",
       .default_listen = "127.0.0.1:7104",
       .grpc_service = "zhaoshang.reporting.v1.ReportingService",
       .migrations = nullptr,
       .make_service =
           [&sources](const zs::ServiceEnv& env) {
             sources = std::make_unique<zs::reporting::ReportSources>(
                 zs::ServiceChannel(absl::GetFlag(FLAGS_lead_address)),
                 zs::ServiceChannel(absl::GetFlag(FLAGS_project_address)),
                 absl::Milliseconds(absl::GetFlag(FLAGS_source_timeout_ms)));
             return std::make_unique<zs::reporting::ReportingServiceImpl>(
                 env.pool, env.report_pool, *sources, env.max_call_time,
                 absl::Seconds(absl::GetFlag(FLAGS_closed_period_cache_seconds)), env.gatekeeper,
                 zs::reporting::ExportHeading{.district = absl::GetFlag(FLAGS_district_name),
                                              .issuer = absl::GetFlag(FLAGS_issuing_unit),
                                              .directory = &env.directory});
           }},
      argc, argv);
}

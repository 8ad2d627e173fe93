// The supervision service process: wiring only (see common/service_main.h).
#include <grpcpp/create_channel.h>

#include "absl/flags/flag.h"
#include "common/config.h"
#include "common/db_flags.h"
#include "common/service_main.h"
#include "services/supervision/supervision_service.h"

ABSL_FLAG(std::string, lead_address, zs::EnvOr("ZS_LEAD_ADDRESS", "127.0.0.1:7101"),
          "the lead service (env ZS_LEAD_ADDRESS)");
ABSL_FLAG(std::string, project_address, zs::EnvOr("ZS_PROJECT_ADDRESS", "127.0.0.1:7102"),
          "the project service (env ZS_PROJECT_ADDRESS)");
ABSL_FLAG(int, source_timeout_ms, zs::EnvOr("ZS_SOURCE_TIMEOUT_MS", 5000),
          "deadline for each call to the lead and project services (env ZS_SOURCE_TIMEOUT_MS)");

namespace zs::supervision {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::supervision

int main(int argc, char** argv) {
  std::unique_ptr<zs::supervision::ProgressSources> sources;
  return zs::RunServiceMain({.name = "supervision",
                             .schema = "supervision",
                             .default_listen = "127.0.0.1:7103",
                             .grpc_service = "zhaoshang.supervision.v1.SupervisionService",
                             .migrations = &zs::supervision::kMigrations,
                             .database = zs::DatabaseSettingsFromFlags,
                             .make_service =
                                 [&sources](const zs::ServiceEnv& env) {
                                   sources = std::make_unique<zs::supervision::ProgressSources>(
                                       zs::ServiceChannel(absl::GetFlag(FLAGS_lead_address)),
                                       zs::ServiceChannel(absl::GetFlag(FLAGS_project_address)),
                                       absl::Milliseconds(absl::GetFlag(FLAGS_source_timeout_ms)));
                                   return std::make_unique<zs::supervision::SupervisionServiceImpl>(
                                       env.pool, *sources, env.max_call_time, env.gatekeeper);
                                 }},
                            argc, argv);
}

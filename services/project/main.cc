// The project service process: wiring only (see common/service_main.h).
#include <grpcpp/create_channel.h>

#include "absl/flags/flag.h"
#include "common/config.h"
#include "common/db_flags.h"
#include "common/rollup_flags.h"
#include "common/service_main.h"
#include "services/project/project_service.h"

ABSL_FLAG(std::string, lead_address, zs::EnvOr("ZS_LEAD_ADDRESS", "127.0.0.1:7101"),
          "the lead service (env ZS_LEAD_ADDRESS)");
ABSL_FLAG(int, lead_timeout_ms, zs::EnvOr("ZS_LEAD_TIMEOUT_MS", 3000),
          "deadline for each call to the lead service (env ZS_LEAD_TIMEOUT_MS)");

namespace zs::project {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::project

int main(int argc, char** argv) {
  std::unique_ptr<zs::project::LeadClient> leads;
  return zs::RunServiceMain({.name = "project",
                             .schema = "project",
                             .default_listen = "127.0.0.1:7102",
                             .grpc_service = "zhaoshang.project.v1.ProjectService",
                             .migrations = &zs::project::kMigrations,
                             .database = zs::DatabaseSettingsFromFlags,
                             .report_rollups = zs::RollupSettingsFromFlags,
                             .make_service =
                                 [&leads](const zs::ServiceEnv& env) {
                                   leads = std::make_unique<zs::project::LeadClient>(
                                       zs::ServiceChannel(absl::GetFlag(FLAGS_lead_address)),
                                       absl::Milliseconds(absl::GetFlag(FLAGS_lead_timeout_ms)));
                                   return std::make_unique<zs::project::ProjectServiceImpl>(
                                       env.pool, env.report_pool, env.directory, *leads,
                                       env.max_call_time, env.gatekeeper,
                                       env.aggregates_from_records
                                           ? zs::project::AggregateStore::Source::kRecords
                                           : zs::project::AggregateStore::Source::kRollups);
                                 }},
                            argc, argv);
}

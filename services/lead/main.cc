// The lead service process: wiring only (see common/service_main.h).
#include "absl/flags/flag.h"
#include "common/config.h"
#include "common/db_flags.h"
#include "common/rollup_flags.h"
#include "common/service_main.h"
#include "services/lead/enterprise_keys.h"
#include "services/lead/lead_service.h"
#include "services/lead/project_client.h"

ABSL_FLAG(std::string, project_address, zs::EnvOr("ZS_PROJECT_ADDRESS", "127.0.0.1:7102"),
          "the project service, whose projects follow enterprise merges "
          "(env ZS_PROJECT_ADDRESS)");
ABSL_FLAG(int, project_timeout_ms, zs::EnvOr("ZS_PROJECT_TIMEOUT_MS", 3000),
          "deadline for each call to the project service (env ZS_PROJECT_TIMEOUT_MS)");

namespace zs::lead {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::lead

int main(int argc, char** argv) {
  std::unique_ptr<zs::lead::ProjectClient> projects;
  return zs::RunServiceMain({.name = "lead",
                             .schema = "lead",
                             .default_listen = "127.0.0.1:7101",
                             .grpc_service = "zhaoshang.lead.v1.LeadService",
                             .migrations = &zs::lead::kMigrations,
                             .database = zs::DatabaseSettingsFromFlags,
                             .after_migrations = zs::lead::RekeyEnterprises,
                             .report_rollups = zs::RollupSettingsFromFlags,
                             .make_service =
                                 [&projects](const zs::ServiceEnv& env) {
                                   projects = std::make_unique<zs::lead::ProjectClient>(
                                       zs::ServiceChannel(absl::GetFlag(FLAGS_project_address)),
                                       absl::Milliseconds(absl::GetFlag(FLAGS_project_timeout_ms)));
                                   return std::make_unique<zs::lead::LeadServiceImpl>(
                                       env.pool, env.report_pool, env.directory, env.max_call_time,
                                       env.gatekeeper, projects.get(),
                                       env.aggregates_from_records
                                           ? zs::lead::AggregateStore::Source::kRecords
                                           : zs::lead::AggregateStore::Source::kRollups);
                                 }},
                            argc, argv);
}

// The lead service process: wiring only (see common/service_main.h).
#include "common/service_main.h"
#include "services/lead/lead_service.h"

namespace zs::lead {
extern const std::vector<zs::Migration> kMigrations;
}  // namespace zs::lead

int main(int argc, char** argv) {
  return zs::RunServiceMain({.name = "lead",
                             .schema = "lead",
                             .default_listen = "127.0.0.1:7101",
                             .grpc_service = "zhaoshang.lead.v1.LeadService",
                             .migrations = &zs::lead::kMigrations,
                             .make_service =
                                 [](const zs::ServiceEnv& env) {
                                   return std::make_unique<zs::lead::LeadServiceImpl>(
                                       env.pool, env.report_pool, env.directory, env.max_call_time,
                                       env.gatekeeper);
                                 }},
                            argc, argv);
}

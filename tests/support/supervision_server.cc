#include "tests/support/supervision_server.h"

#include "tests/support/service_migrations.h"

namespace zs::testing {

SupervisionServer::SupervisionServer(const Gatekeeper& gatekeeper)
    : projects_(absl::Seconds(3), gatekeeper),
      database_("supervision", supervision::kMigrations),
      sources_(projects_.lead().channel(), projects_.channel(), absl::Seconds(5)),
      pool_(database_.service_conninfo(), 4, 1024),
      service_(pool_, sources_, absl::Seconds(30), gatekeeper),
      grpc_(service_, {&pool_}) {}

}  // namespace zs::testing

#include "tests/support/identity_server.h"

#include "tests/support/service_migrations.h"

namespace zs::testing {

IdentityServer::IdentityServer(const TokenAuthority& authority, identity::SessionSettings settings)
    : database_(std::make_shared<TestDatabase>("identity", identity::kMigrations)),
      pool_(database_->service_conninfo(), 4, 1024),
      service_(pool_, Directory::Seeded(), absl::Seconds(30), authority.gatekeeper(),
               authority.signer(), {authority.signer().public_key()}, settings),
      grpc_(service_, {&pool_}) {}

}  // namespace zs::testing

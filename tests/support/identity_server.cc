#include "tests/support/identity_server.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {

IdentityServer::IdentityServer(const TokenAuthority& authority, identity::SessionSettings settings)
    : database_(std::make_shared<TestDatabase>("identity", identity::kMigrations)),
      pool_(database_->service_conninfo(), 4, 1024),
      service_(pool_, Directory::Seeded(), absl::Seconds(30), authority.gatekeeper(),
               authority.signer(), {authority.signer().public_key()}, settings) {
  absl::StatusOr<std::unique_ptr<GrpcServer>> server = GrpcServer::Start(
      {.listen_address = "127.0.0.1:0"}, {{&service_, "zhaoshang.identity.v1.IdentityService"}});
  if (!server.ok()) throw std::runtime_error(std::string(server.status().message()));
  server_ = std::move(*server);
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
  stub_ = zhaoshang::identity::v1::IdentityService::NewStub(channel_);
}

IdentityServer::~IdentityServer() {
  server_->Shutdown(absl::Seconds(5));
  pool_.Shutdown();
}

}  // namespace zs::testing

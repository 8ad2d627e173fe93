#include "tests/support/supervision_server.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {

SupervisionServer::SupervisionServer(const Gatekeeper& gatekeeper)
    : projects_(absl::Seconds(3), gatekeeper),
      database_("supervision", supervision::kMigrations),
      sources_(projects_.lead().channel(), projects_.channel(), absl::Seconds(5)),
      pool_(database_.service_conninfo(), 4, 1024),
      service_(pool_, sources_, absl::Seconds(30), gatekeeper) {
  absl::StatusOr<std::unique_ptr<GrpcServer>> server =
      GrpcServer::Start({.listen_address = "127.0.0.1:0"},
                        {{&service_, "zhaoshang.supervision.v1.SupervisionService"}});
  if (!server.ok()) throw std::runtime_error(std::string(server.status().message()));
  server_ = std::move(*server);
  stub_ = zhaoshang::supervision::v1::SupervisionService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));
}

SupervisionServer::~SupervisionServer() {
  server_->Shutdown(absl::Seconds(5));
  pool_.Shutdown();
}

}  // namespace zs::testing

#include "tests/support/in_process_server.h"

#include <stdexcept>
#include <utility>

#include "absl/strings/str_cat.h"

namespace zs::testing {

InProcessServerBase::InProcessServerBase(grpc::Service& impl, std::string full_name,
                                         std::vector<WorkerPool*> pools, int port)
    : pools_(std::move(pools)) {
  absl::StatusOr<std::unique_ptr<GrpcServer>> server = GrpcServer::Start(
      {.listen_address = absl::StrCat("127.0.0.1:", port)}, {{&impl, std::move(full_name)}});
  if (!server.ok()) throw std::runtime_error(std::string(server.status().message()));
  server_ = std::move(*server);
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
}

InProcessServerBase::~InProcessServerBase() {
  server_->Shutdown(absl::Seconds(5));
  for (WorkerPool* pool : pools_) pool->Shutdown();
}

}  // namespace zs::testing

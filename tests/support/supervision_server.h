// Lead, project and supervision in-process, supervision reading the other
// two over real channels.
#pragma once

#include <memory>

#include "services/supervision/supervision_service.h"
#include "tests/support/in_process_server.h"
#include "tests/support/project_server.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

namespace zs::testing {

class SupervisionServer {
 public:
  explicit SupervisionServer(const Gatekeeper& gatekeeper = Gatekeeper::TrustingMetadata());

  ProjectServer& projects() { return projects_; }
  TestDatabase& database() { return database_; }
  int port() const { return grpc_.port(); }
  zhaoshang::supervision::v1::SupervisionService::Stub& stub() { return grpc_.stub(); }

 private:
  ProjectServer projects_;
  TestDatabase database_;
  supervision::ProgressSources sources_;
  WorkerPool pool_;
  supervision::SupervisionServiceImpl service_;
  InProcessServer<zhaoshang::supervision::v1::SupervisionService> grpc_;
};

}  // namespace zs::testing

// The project service started in-process on a fresh database, talking to a
// lead service that the test controls (it can stop and restart it).
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "common/db/worker_pool.h"
#include "services/project/lead_client.h"
#include "services/project/project_service.h"
#include "tests/support/in_process_server.h"
#include "tests/support/lead_server.h"
#include "tests/support/test_database.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"

namespace zs::testing {

class ProjectServer {
 public:
  // `lead_timeout` bounds each call the project service makes to the lead service.
  explicit ProjectServer(absl::Duration lead_timeout = absl::Seconds(3),
                         const Gatekeeper& gatekeeper = Gatekeeper::TrustingMetadata());

  TestDatabase& database() { return database_; }
  LeadServer& lead() { return *lead_; }
  zhaoshang::project::v1::ProjectService::Stub& stub() { return grpc_.stub(); }
  std::shared_ptr<grpc::Channel> channel() const { return grpc_.channel(); }
  int port() const { return grpc_.port(); }

  // Stops the lead service (its port refuses calls) / starts it again on
  // the same database and port.
  void StopLead();
  void RestartLead();

  // Creates an enterprise on the lead service and returns its id.
  int64_t CreateEnterprise(const std::string& name);

 private:
  std::unique_ptr<LeadServer> lead_;
  std::shared_ptr<TestDatabase> lead_database_;
  int lead_port_;
  TestDatabase database_;
  project::LeadClient lead_client_;
  WorkerPool pool_;
  WorkerPool report_pool_;
  project::ProjectServiceImpl service_;
  InProcessServer<zhaoshang::project::v1::ProjectService> grpc_;
  int enterprises_created_ = 0;
  const Gatekeeper& gatekeeper_;
};

}  // namespace zs::testing

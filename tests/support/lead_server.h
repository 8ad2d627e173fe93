// The lead service started in-process on a fresh database and a loopback
// port, with a real gRPC channel to it.
#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "common/db/worker_pool.h"
#include "services/lead/lead_service.h"
#include "tests/support/in_process_server.h"
#include "tests/support/test_database.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::testing {

class LeadServer {
 public:
  // On a fresh database, validating codes against `directory`.
  explicit LeadServer(const Directory& directory = Directory::Seeded(),
                      const Gatekeeper& gatekeeper = Gatekeeper::TrustingMetadata());
  // A server on an existing database and a fixed port: a restarted service.
  // `projects`, when set, is the project service enterprise merges reach.
  LeadServer(std::shared_ptr<TestDatabase> database, int port,
             const Directory& directory = Directory::Seeded(),
             const Gatekeeper& gatekeeper = Gatekeeper::TrustingMetadata(),
             const lead::ProjectClient* projects = nullptr);

  TestDatabase& database() { return *database_; }
  std::shared_ptr<TestDatabase> shared_database() const { return database_; }
  std::shared_ptr<grpc::Channel> channel() const { return grpc_.channel(); }
  zhaoshang::lead::v1::LeadService::Stub& stub() { return grpc_.stub(); }
  int port() const { return grpc_.port(); }
  void Shutdown(absl::Duration grace) { grpc_.Shutdown(grace); }

 private:
  std::shared_ptr<TestDatabase> database_;
  WorkerPool pool_;
  WorkerPool report_pool_;
  lead::LeadServiceImpl service_;
  InProcessServer<zhaoshang::lead::v1::LeadService> grpc_;
};

// A client context as `principal` in `role` (development metadata, e.g.
// "service" for a service account), with a 10 s deadline.
std::unique_ptr<grpc::ClientContext> ContextAs(const std::string& principal, const char* role);
// A client context as a bureau staff member, with a 10 s deadline.
std::unique_ptr<grpc::ClientContext> StaffContext(const std::string& principal = "staff-test");
// The same as a bureau administrator, for the admin-only RPCs.
std::unique_ptr<grpc::ClientContext> AdminContext(const std::string& principal = "admin-test");

}  // namespace zs::testing

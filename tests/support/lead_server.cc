#include "tests/support/lead_server.h"

#include <chrono>

#include "tests/support/service_migrations.h"

namespace zs::testing {

LeadServer::LeadServer(const Directory& directory, const Gatekeeper& gatekeeper)
    : LeadServer(std::make_shared<TestDatabase>("lead", lead::kMigrations), 0, directory,
                 gatekeeper) {}

LeadServer::LeadServer(std::shared_ptr<TestDatabase> database, int port, const Directory& directory,
                       const Gatekeeper& gatekeeper, const lead::ProjectClient* projects)
    : database_(std::move(database)),
      pool_(database_->service_conninfo(), 4, 1024),
      report_pool_(database_->service_conninfo(), 2, 1024),
      service_(pool_, report_pool_, directory, absl::Seconds(30), gatekeeper, projects),
      grpc_(service_, {&pool_, &report_pool_}, port) {}

std::unique_ptr<grpc::ClientContext> ContextAs(const std::string& principal, const char* role) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-zs-principal", principal);
  context->AddMetadata("x-zs-role", role);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

std::unique_ptr<grpc::ClientContext> StaffContext(const std::string& principal) {
  return ContextAs(principal, "bureau_staff");
}

std::unique_ptr<grpc::ClientContext> AdminContext(const std::string& principal) {
  return ContextAs(principal, "bureau_admin");
}

}  // namespace zs::testing

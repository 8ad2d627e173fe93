#include "tests/support/project_server.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {

ProjectServer::ProjectServer(absl::Duration lead_timeout, const Gatekeeper& gatekeeper)
    : lead_(std::make_unique<LeadServer>(Directory::Seeded(), gatekeeper)),
      lead_database_(lead_->shared_database()),
      lead_port_(lead_->port()),
      database_("project", project::kMigrations),
      lead_client_(grpc::CreateChannel(absl::StrCat("127.0.0.1:", lead_port_),
                                       grpc::InsecureChannelCredentials()),
                   lead_timeout),
      pool_(database_.service_conninfo(), 4, 1024),
      report_pool_(database_.service_conninfo(), 2, 1024),
      service_(pool_, report_pool_, Directory::Seeded(), lead_client_, absl::Seconds(30),
               gatekeeper),
      grpc_(service_, {&pool_, &report_pool_}),
      gatekeeper_(gatekeeper) {}

void ProjectServer::StopLead() { lead_.reset(); }

void ProjectServer::RestartLead() {
  lead_ =
      std::make_unique<LeadServer>(lead_database_, lead_port_, Directory::Seeded(), gatekeeper_);
}

int64_t ProjectServer::CreateEnterprise(const std::string& name) {
  zhaoshang::lead::v1::CreateEnterpriseRequest request;
  request.set_request_id(absl::StrCat("project-test-enterprise-", ++enterprises_created_));
  request.mutable_enterprise()->set_name(name);
  request.mutable_enterprise()->set_industry(zhaoshang::common::v1::INDUSTRY_MEDICAL_DEVICES);
  request.set_allow_similar(true);  // tests name series of enterprises alike
  zhaoshang::lead::v1::Enterprise enterprise;
  grpc::Status status = lead_->stub().CreateEnterprise(StaffContext().get(), request, &enterprise);
  if (!status.ok()) throw std::runtime_error(status.error_message());
  return enterprise.id();
}

}  // namespace zs::testing

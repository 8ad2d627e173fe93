// The whole central suite in-process: lead and project (ProjectServer) plus
// the reporting service reading them over real channels.
#pragma once

#include <memory>

#include "services/reporting/reporting_service.h"
#include "tests/support/in_process_server.h"
#include "tests/support/project_server.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"

namespace zs::testing {

class ReportingServer {
 public:
  explicit ReportingServer(const Gatekeeper& gatekeeper = Gatekeeper::TrustingMetadata());

  ProjectServer& projects() { return projects_; }
  zhaoshang::reporting::v1::ReportingService::Stub& stub() { return grpc_.stub(); }
  std::shared_ptr<grpc::Channel> channel() const { return grpc_.channel(); }
  int port() const { return grpc_.port(); }

 private:
  ProjectServer projects_;
  reporting::ReportSources sources_;
  WorkerPool pool_;
  WorkerPool report_pool_;
  reporting::ReportingServiceImpl service_;
  InProcessServer<zhaoshang::reporting::v1::ReportingService> grpc_;
};

}  // namespace zs::testing

#include "tests/support/reporting_server.h"

#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace zs::testing {

ReportingServer::ReportingServer(const Gatekeeper& gatekeeper)
    : projects_(absl::Seconds(3), gatekeeper),
      sources_(projects_.lead().channel(), projects_.channel(), absl::Seconds(5)),
      pool_("", 4, 1024),
      report_pool_("", 2, 1024),
      service_(pool_, report_pool_, sources_, absl::Seconds(30), absl::Minutes(5), gatekeeper) {
  absl::StatusOr<std::unique_ptr<GrpcServer>> server = GrpcServer::Start(
      {.listen_address = "127.0.0.1:0"}, {{&service_, "zhaoshang.reporting.v1.ReportingService"}});
  if (!server.ok()) throw std::runtime_error(std::string(server.status().message()));
  server_ = std::move(*server);
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
  stub_ = zhaoshang::reporting::v1::ReportingService::NewStub(channel_);
}

ReportingServer::~ReportingServer() {
  server_->Shutdown(absl::Seconds(5));
  pool_.Shutdown();
  report_pool_.Shutdown();
}

}  // namespace zs::testing

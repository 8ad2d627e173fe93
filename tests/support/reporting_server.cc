#include "tests/support/reporting_server.h"

namespace zs::testing {

ReportingServer::ReportingServer(const Gatekeeper& gatekeeper)
    : projects_(absl::Seconds(3), gatekeeper),
      sources_(projects_.lead().channel(), projects_.channel(), absl::Seconds(5)),
      pool_("", 4, 1024),
      report_pool_("", 2, 1024),
      service_(pool_, report_pool_, sources_, absl::Seconds(30), absl::Minutes(5), gatekeeper),
      grpc_(service_, {&pool_, &report_pool_}) {}

}  // namespace zs::testing

// The lead service's calls to the project service: when two enterprises
// are merged, their projects follow the survivor. Deadlines and the
// caller's credentials travel with every call (common/outbound.h).
#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbound.h"
#include "common/rpc.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"

namespace zs::lead {

class ProjectClient {
 public:
  ProjectClient(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout);

  // Re-points every project of enterprise `from` to `to`; returns how many
  // moved. The request id is derived from the merge's own, so a retried
  // merge moves them exactly once.
  absl::StatusOr<int64_t> MoveEnterpriseProjects(const CallContext& call,
                                                 absl::string_view merge_request_id, int64_t from,
                                                 int64_t to) const;

 private:
  OutboundStub<zhaoshang::project::v1::ProjectService> project_;
};

}  // namespace zs::lead

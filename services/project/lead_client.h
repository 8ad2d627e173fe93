// The project service's calls to the lead service: checking enterprises and
// leads, and marking a lead converted. Deadlines and the caller's
// credentials travel with every call (common/outbound.h).
#pragma once

#include <grpcpp/channel.h>

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbound.h"
#include "common/rpc.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::project {

namespace lv1 = ::zhaoshang::lead::v1;

class LeadClient {
 public:
  LeadClient(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout);

  absl::StatusOr<lv1::Enterprise> GetEnterprise(const CallContext& call, int64_t id) const;
  absl::StatusOr<lv1::Lead> GetLead(const CallContext& call, int64_t id) const;
  // Idempotent on the lead side: converting again into the same project
  // answers as the first time, whatever the request id.
  absl::StatusOr<lv1::Lead> ConvertLead(const CallContext& call, int64_t lead_id,
                                        int64_t project_id) const;

 private:
  OutboundStub<lv1::LeadService> lead_;
};

}  // namespace zs::project

// Turning a lead into a project: a saga across the project and lead
// services (ConvertLeadToProject, RepairLeadConversions). It talks to the
// lead service outside any database transaction and keeps each step safe
// to repeat; what the project looks like is decided by ProjectFromLead
// (project_rules.h).
#pragma once

#include "absl/status/status.h"
#include "common/db/worker_pool.h"
#include "common/rpc.h"
#include "services/project/lead_client.h"
#include "services/project/project_store.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

class LeadConversion {
 public:
  // Both must outlive the conversion.
  LeadConversion(const LeadClient& leads, const ProjectStore& projects);

  // ConvertLeadToProject: the project made from the lead, created (or
  // found, on a retry) and the lead marked converted. Errors: the request's
  // (INVALID_ARGUMENT naming the field), the lead's (LEAD_NOT_OPEN), access
  // (PERMISSION_DENIED), and the lead service's, whose message says a retry
  // with the same request_id finishes the conversion.
  absl::Status Convert(const CallContext& call, ConnectionSlot& slot,
                       const v1::ConvertLeadToProjectRequest& request, v1::Project* out) const;

  // RepairLeadConversions: finishes every pending conversion it can and
  // counts those it finished and those still pending.
  absl::Status RepairPending(const CallContext& call, ConnectionSlot& slot,
                             const v1::RepairLeadConversionsRequest& request,
                             v1::RepairLeadConversionsResponse* out) const;

 private:
  // Marks the lead converted on the lead service, then the project confirmed.
  absl::Status Finish(const CallContext& call, ConnectionSlot& slot, int64_t project_id,
                      int64_t lead_id) const;

  const LeadClient& leads_;
  const ProjectStore& projects_;
};

}  // namespace zs::project

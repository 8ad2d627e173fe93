#include "services/project/lead_client.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/outbound.h"

namespace zs::project {

LeadClient::LeadClient(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
    : lead_("lead", std::move(channel), timeout) {}

absl::StatusOr<lv1::Enterprise> LeadClient::GetEnterprise(const CallContext& call,
                                                          int64_t id) const {
  lv1::GetEnterpriseRequest request;
  request.set_id(id);
  lv1::Enterprise enterprise;
  ZS_RETURN_IF_ERROR(
      lead_.Call(call, &lv1::LeadService::Stub::GetEnterprise, request, &enterprise));
  return enterprise;
}

absl::StatusOr<lv1::Lead> LeadClient::GetLead(const CallContext& call, int64_t id) const {
  lv1::GetLeadRequest request;
  request.set_id(id);
  lv1::Lead lead;
  ZS_RETURN_IF_ERROR(lead_.Call(call, &lv1::LeadService::Stub::GetLead, request, &lead));
  return lead;
}

absl::StatusOr<lv1::Lead> LeadClient::ConvertLead(const CallContext& call, int64_t lead_id,
                                                  int64_t project_id) const {
  lv1::ConvertLeadRequest request;
  // Derived from the project, so every retry and repair of this conversion
  // is the same request to the lead service.
  request.set_request_id(absl::StrCat("project-", project_id, "-converts-lead-", lead_id));
  request.set_lead_id(lead_id);
  request.set_project_id(project_id);
  lv1::Lead lead;
  ZS_RETURN_IF_ERROR(lead_.Call(call, &lv1::LeadService::Stub::ConvertLead, request, &lead));
  return lead;
}

}  // namespace zs::project

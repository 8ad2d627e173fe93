#include "services/project/lead_client.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/outbound.h"

namespace zs::project {

LeadClient::LeadClient(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
    : stub_(lv1::LeadService::NewStub(std::move(channel))), timeout_(timeout) {}

absl::StatusOr<lv1::Enterprise> LeadClient::GetEnterprise(const CallContext& call,
                                                          int64_t id) const {
  grpc::ClientContext context;
  PrepareOutboundContext(call, timeout_, &context);
  lv1::GetEnterpriseRequest request;
  request.set_id(id);
  lv1::Enterprise enterprise;
  ZS_RETURN_IF_ERROR(
      FromOutboundStatus("lead", stub_->GetEnterprise(&context, request, &enterprise)));
  return enterprise;
}

absl::StatusOr<lv1::Lead> LeadClient::GetLead(const CallContext& call, int64_t id) const {
  grpc::ClientContext context;
  PrepareOutboundContext(call, timeout_, &context);
  lv1::GetLeadRequest request;
  request.set_id(id);
  lv1::Lead lead;
  ZS_RETURN_IF_ERROR(FromOutboundStatus("lead", stub_->GetLead(&context, request, &lead)));
  return lead;
}

absl::StatusOr<lv1::Lead> LeadClient::ConvertLead(const CallContext& call, int64_t lead_id,
                                                  int64_t project_id) const {
  grpc::ClientContext context;
  PrepareOutboundContext(call, timeout_, &context);
  lv1::ConvertLeadRequest request;
  // Derived from the project, so every retry and repair of this conversion
  // is the same request to the lead service.
  request.set_request_id(absl::StrCat("project-", project_id, "-converts-lead-", lead_id));
  request.set_lead_id(lead_id);
  request.set_project_id(project_id);
  lv1::Lead lead;
  ZS_RETURN_IF_ERROR(FromOutboundStatus("lead", stub_->ConvertLead(&context, request, &lead)));
  return lead;
}

}  // namespace zs::project

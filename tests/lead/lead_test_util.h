// Request builders shared by the lead service tests.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/support/lead_server.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::testing {

namespace lv1 = ::zhaoshang::lead::v1;
namespace cv1 = ::zhaoshang::common::v1;

// Tests make series of like names (企业1, 企业2 …) on purpose, so the
// request confirms a similar name (allow_similar); enterprise_identity_test
// clears it to test the confirmation.
inline lv1::CreateEnterpriseRequest EnterpriseRequest(const std::string& request_id,
                                                      const std::string& name) {
  lv1::CreateEnterpriseRequest request;
  request.set_request_id(request_id);
  request.set_allow_similar(true);
  request.mutable_enterprise()->set_name(name);
  request.mutable_enterprise()->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
  request.mutable_enterprise()->set_type(cv1::ENTERPRISE_TYPE_DRAGON_HEAD);
  return request;
}

inline lv1::CreateLeadRequest LeadRequest(const std::string& request_id, int64_t enterprise_id) {
  lv1::CreateLeadRequest request;
  request.set_request_id(request_id);
  lv1::Lead* lead = request.mutable_lead();
  lead->set_title("医疗器械产业园项目");
  lead->set_enterprise_id(enterprise_id);
  lead->set_channel(cv1::CHANNEL_INDUSTRIAL_CHAIN);
  lead->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
  lead->set_chain_action(cv1::CHAIN_ACTION_EXTEND);
  lead->set_estimated_investment_wan_yuan(30000);
  lead->set_office_code("office-fujian");
  lead->set_collected_date("2026-04-15");
  return request;
}

// The field named by the google.rpc.BadRequest detail of a failed call.
inline std::string ViolatedField(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return "<no details>";
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&bad_request) && bad_request.field_violations_size() > 0) {
      return bad_request.field_violations(0).field();
    }
  }
  return "";
}

inline std::string ErrorReasonOf(const grpc::Status& status) {
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return "";
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace zs::testing

#include "services/lead/project_client.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/outbound.h"
#include "common/sha256.h"

namespace zs::lead {

namespace pv1 = ::zhaoshang::project::v1;

ProjectClient::ProjectClient(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
    : project_("project", std::move(channel), timeout) {}

absl::StatusOr<int64_t> ProjectClient::MoveEnterpriseProjects(const CallContext& call,
                                                              absl::string_view merge_request_id,
                                                              int64_t from, int64_t to) const {
  pv1::MoveEnterpriseProjectsRequest request;
  // Within the 64 characters a request id may have, whatever the merge's.
  request.set_request_id(absl::StrCat("merge-", Sha256Hex(merge_request_id).substr(0, 40)));
  request.set_from_enterprise_id(from);
  request.set_to_enterprise_id(to);
  pv1::MoveEnterpriseProjectsResponse response;
  ZS_RETURN_IF_ERROR(
      project_.Call(call, &pv1::ProjectService::Stub::MoveEnterpriseProjects, request, &response));
  return response.moved_project_count();
}

}  // namespace zs::lead

// SQL for enterprise requests (诉求): tickets with a deadline counted in
// working days on the district's calendar (限时办结), their states, and the
// calendar itself.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;

class RequestStore {
 public:
  explicit RequestStore(const Directory& directory) : directory_(directory) {}

  absl::Status Create(pqxx::transaction_base& tx, const v1::CreateEnterpriseRequestRequest& request,
                      v1::EnterpriseRequest* out) const;
  absl::Status Get(pqxx::transaction_base& tx, int64_t id, v1::EnterpriseRequest* out) const;
  // `leader_code` non-empty: only requests of the projects that leader
  // sub-contracts or commands.
  absl::Status List(pqxx::transaction_base& tx, const v1::ListEnterpriseRequestsRequest& request,
                    const std::string& leader_code, v1::ListEnterpriseRequestsResponse* out) const;
  // OPEN → IN_PROGRESS, OPEN/IN_PROGRESS → SETTLED or REJECTED (with a reason).
  absl::Status Move(pqxx::transaction_base& tx, int64_t id, const std::string& etag,
                    v1::RequestState to, const std::string& resolution,
                    v1::EnterpriseRequest* out) const;
  absl::Status SetHolidays(pqxx::transaction_base& tx, const v1::SetHolidaysRequest& request,
                           v1::SetHolidaysResponse* out) const;

 private:
  const Directory& directory_;
};

}  // namespace zs::project

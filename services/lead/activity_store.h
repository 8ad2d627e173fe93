// SQL for promotion activities and the enterprises each one met.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/directory.h"
#include "services/lead/enterprise_store.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

class ActivityStore {
 public:
  ActivityStore(const Directory& directory, const EnterpriseStore& enterprises)
      : directory_(directory), enterprises_(enterprises) {}

  absl::Status Create(pqxx::transaction_base& tx, const v1::CreateActivityRequest& request,
                      v1::Activity* out) const;
  absl::Status Get(pqxx::transaction_base& tx, int64_t id, v1::Activity* out) const;
  absl::Status List(pqxx::transaction_base& tx, const v1::ListActivitiesRequest& request,
                    v1::ListActivitiesResponse* out) const;
  absl::Status Update(pqxx::transaction_base& tx, const v1::UpdateActivityRequest& request,
                      v1::Activity* out) const;

 private:
  absl::Status ReplaceEnterprises(pqxx::transaction_base& tx, const v1::Activity& activity) const;
  const Directory& directory_;
  const EnterpriseStore& enterprises_;
};

}  // namespace zs::lead

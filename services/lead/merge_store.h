// Finding likely duplicate enterprises and leads, and merging two records
// into one with a Merge row recording who merged what and what moved.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/rpc.h"
#include "services/lead/project_client.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

class MergeStore {
 public:
  // `projects` re-points the project service's projects when enterprises
  // merge; null only where no project service exists (a lead service
  // tested alone).
  explicit MergeStore(const ProjectClient* projects = nullptr) : projects_(projects) {}

  absl::Status FindDuplicateEnterprises(pqxx::transaction_base& tx,
                                        const v1::FindDuplicateEnterprisesRequest& request,
                                        v1::FindDuplicateEnterprisesResponse* out) const;
  absl::Status MergeEnterprises(pqxx::transaction_base& tx, const CallContext& call,
                                const v1::MergeEnterprisesRequest& request, v1::Merge* out) const;
  absl::Status FindDuplicateLeads(pqxx::transaction_base& tx,
                                  const v1::FindDuplicateLeadsRequest& request,
                                  v1::FindDuplicateLeadsResponse* out) const;
  absl::Status MergeLeads(pqxx::transaction_base& tx, const CallContext& call,
                          const v1::MergeLeadsRequest& request, v1::Merge* out) const;
  absl::Status ListMerges(pqxx::transaction_base& tx, const v1::ListMergesRequest& request,
                          v1::ListMergesResponse* out) const;

 private:
  const ProjectClient* projects_;
};

}  // namespace zs::lead

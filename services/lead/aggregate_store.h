// Aggregates that supervision and reporting call: counts and sums grouped by
// one dimension over a date range, computed in SQL (no rows are fetched into
// the service). Merged leads are never counted.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

class AggregateStore {
 public:
  absl::Status Activities(pqxx::transaction_base& tx, const v1::AggregateActivitiesRequest& request,
                          v1::AggregateActivitiesResponse* out) const;
  absl::Status Leads(pqxx::transaction_base& tx, const v1::AggregateLeadsRequest& request,
                     v1::AggregateLeadsResponse* out) const;
};

}  // namespace zs::lead

// Aggregates that supervision and reporting call: counts and sums grouped by
// dimensions over a date range, computed in SQL (no rows are fetched into
// the service). Merged leads are never counted. The RPCs read the
// maintained rollups (common/report_rollup.h, migration 0006); the records
// themselves give the same answer, which tests check.
#pragma once

#include <pqxx/pqxx>
#include <vector>

#include "absl/status/status.h"
#include "common/aggregate.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"

namespace zs::lead {

namespace v1 = ::zhaoshang::lead::v1;

// What each record kind can be grouped by: the dimensions of its base query
// (queries/aggregate.*.sql; common/aggregate.h).
const std::vector<Dimension>& ActivityDimensions();
const std::vector<Dimension>& LeadDimensions();

// The records behind AggregateActivities and AggregateLeads, as RunAggregate
// reads them (--aggregate_source=records): the base query and its
// parameters for `request`.
AggregateQuery ActivityRecords(const v1::AggregateActivitiesRequest& request);
AggregateQuery LeadRecords(const v1::AggregateLeadsRequest& request);

class AggregateStore {
 public:
  enum class Source { kRollups, kRecords };
  explicit AggregateStore(Source source = Source::kRollups) : source_(source) {}

  absl::Status Activities(pqxx::transaction_base& tx, const v1::AggregateActivitiesRequest& request,
                          v1::AggregateActivitiesResponse* out) const;
  absl::Status Leads(pqxx::transaction_base& tx, const v1::AggregateLeadsRequest& request,
                     v1::AggregateLeadsResponse* out) const;

 private:
  Source source_;
};

}  // namespace zs::lead

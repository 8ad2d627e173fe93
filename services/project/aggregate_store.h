// Aggregates for supervision and reporting, pushed down to SQL and applying
// the counting rules: a project counts once per stage it enters (the first
// signing, never a re-signing); a capital increase adds only its increment,
// to the money and never to the count; an investor change changes neither.
// The RPCs read the maintained rollups (common/report_rollup.h, migration
// 0004); the records themselves give the same answer, which tests check.
#pragma once

#include <pqxx/pqxx>
#include <vector>

#include "absl/status/status.h"
#include "common/aggregate.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

namespace v1 = ::zhaoshang::project::v1;

// What a project's transitions, payments and continuing years can be grouped
// by: the dimensions of their base queries (queries/aggregate.*.sql;
// common/aggregate.h).
const std::vector<Dimension>& ProjectDimensions();

// The records behind AggregateTransitions, AggregateFunds and
// AggregateContinuing, as RunAggregate reads them
// (--aggregate_source=records): the base query and its parameters for
// `request`.
AggregateQuery TransitionRecords(const v1::AggregateTransitionsRequest& request);
AggregateQuery FundRecords(const v1::AggregateFundsRequest& request);
AggregateQuery ContinuingRecords(const v1::AggregateContinuingRequest& request);

class AggregateStore {
 public:
  enum class Source { kRollups, kRecords };
  explicit AggregateStore(Source source = Source::kRollups) : source_(source) {}

  absl::Status Transitions(pqxx::transaction_base& tx,
                           const v1::AggregateTransitionsRequest& request,
                           v1::AggregateTransitionsResponse* out) const;
  absl::Status Funds(pqxx::transaction_base& tx, const v1::AggregateFundsRequest& request,
                     v1::AggregateFundsResponse* out) const;
  absl::Status Continuing(pqxx::transaction_base& tx, const v1::AggregateContinuingRequest& request,
                          v1::AggregateContinuingResponse* out) const;

 private:
  Source source_;
};

}  // namespace zs::project

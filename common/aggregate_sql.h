// The SQL RunAggregate (common/aggregate.h) runs: one statement per
// request, generated from the dimensions asked and the records' base query
// (services/<service>/queries/aggregate.*.sql). Generated, so
// tests/unit/aggregate_sql_test.cc keeps what it makes for every record kind
// in a golden file (tests/golden/aggregate.sql): a change here shows in review
// as a SQL diff.
#pragma once

#include <string>
#include <vector>

#include "common/aggregate.h"

namespace zs {

// The result columns of AggregateSql, by name: `grouping_index` (which of the
// grouped dimensions a row belongs to, by index; -1 for the total, which
// carries the bands), `count` and `amount` (万元), `count_all`,
// `count_ge_1yi`, `amount_ge_1yi`, `count_ge_10yi`, `amount_ge_10yi`, then
// AggregateKeyColumn(i) for each grouped dimension (only the row's own is
// read).
std::string AggregateKeyColumn(size_t index);

// The statement grouping `query`'s records by each of `grouped` (several in
// one pass, GROUPING SETS) and in total. Its parameters are `query`'s.
std::string AggregateSql(const std::vector<const Dimension*>& grouped, const AggregateQuery& query);

}  // namespace zs

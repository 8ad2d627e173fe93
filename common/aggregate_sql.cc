#include "common/aggregate_sql.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace zs {
namespace {

// Bands nest: a 12亿 project is in all three. Money that is not counted
// (increments) belongs only to "all".
const std::string kOneYi = absl::StrCat("x.counted AND x.amount >= ", kOneYiWanYuan);
const std::string kTenYi = absl::StrCat("x.counted AND x.amount >= ", kTenYiWanYuan);

// What every first-step group carries: whether the record counts (c0), is
// in the "all" band (c1), ≥1亿 (c2), ≥10亿 (c3), as counts of rows when a
// record is one row, as bool_or() when it may be several; and the sums.
std::string FirstStepFigures(bool one_row_per_id) {
  auto flag = [one_row_per_id](const std::string& filter, int i) {
    return one_row_per_id ? absl::StrCat("count(*) FILTER (WHERE ", filter, ") AS c", i)
                          : absl::StrCat("bool_or(", filter, ") AS c", i);
  };
  auto sum = [](const std::string& filter, int i) {
    return absl::StrCat("sum(x.amount) FILTER (WHERE ", filter, ") AS s", i);
  };
  return absl::StrJoin(
      {flag("x.counted", 0), flag("x.counted AND x.amount >= 0", 1), flag(kOneYi, 2),
       flag(kTenYi, 3), sum("true", 0), sum(kOneYi, 1), sum(kTenYi, 2)},
      ", ");
}

// The result's figure columns, rolled up from first-step groups, each a
// bigint and zero when nothing matched.
std::string RolledUpFigures(bool one_row_per_id) {
  auto records = [one_row_per_id](int i) {
    return one_row_per_id ? absl::StrCat("sum(x.c", i, ")")
                          : absl::StrCat("count(*) FILTER (WHERE x.c", i, ")");
  };
  const std::pair<std::string, const char*> figures[] = {
      {records(0), "count"},          {"sum(x.s0)", "amount"},        {records(1), "count_all"},
      {records(2), "count_ge_1yi"},   {"sum(x.s1)", "amount_ge_1yi"}, {records(3), "count_ge_10yi"},
      {"sum(x.s2)", "amount_ge_10yi"}};
  std::vector<std::string> out;
  for (const auto& [figure, name] : figures) {
    out.push_back(absl::StrCat("COALESCE(", figure, ", 0)::bigint AS ", name));
  }
  return absl::StrJoin(out, ", ");
}

}  // namespace

std::string AggregateKeyColumn(size_t index) { return absl::StrCat("key_", index); }

// Every step hashes; counting DISTINCT ids instead would sort all rows once
// per grouping. The records are grouped first, then the groupings rolled
// up from those groups:
// - one row per record (leads, activities): first by all asked dimensions
//   together (few groups, parallel workers);
// - a record over several rows (a project's transitions): first by record
//   and its own dimensions (one group per record, so a count is a count of
//   records); a dimension that varies between a record's rows (the month of
//   each transition) gets a branch of its own, grouped by record and it.
std::string AggregateSql(const std::vector<const Dimension*>& grouped,
                         const AggregateQuery& query) {
  std::vector<std::string> keys, nulls;
  for (const Dimension* d : grouped) {
    const std::string column = absl::StrCat("x.", d->column);
    keys.push_back(d->key_sql ? absl::StrReplaceAll(d->key_sql, {{"%s", column}}) : column);
    nulls.push_back("NULL");
  }
  std::string order = "\nORDER BY grouping_index";  // then each key
  for (size_t i = 0; i < grouped.size(); ++i) absl::StrAppend(&order, ", ", AggregateKeyColumn(i));
  // The rows a record contributes once: all dimensions for one-row records,
  // else only those of the record itself.
  std::vector<std::string> first_columns, sets = {"()"}, index_cases, record_keys = nulls;
  for (size_t i = 0; i < grouped.size(); ++i) {
    if (!query.one_row_per_id && !grouped[i]->per_record) continue;
    const std::string column = absl::StrCat("x.", grouped[i]->column);
    first_columns.push_back(column);
    sets.push_back(absl::StrCat("(", column, ")"));
    index_cases.push_back(absl::StrCat(" WHEN GROUPING(", column, ") = 0 THEN ", i));
    record_keys[i] = keys[i];
  }
  for (size_t i = 0; i < record_keys.size(); ++i) {
    absl::StrAppend(&record_keys[i], " AS ", AggregateKeyColumn(i));
  }
  std::vector<std::string> first_grouping = first_columns;
  if (!query.one_row_per_id) first_grouping.insert(first_grouping.begin(), "x.id");
  // Records over several rows read their rows once more per dimension that
  // varies within a record; only then are the rows materialized (b).
  const bool branches =
      !query.one_row_per_id && std::any_of(grouped.begin(), grouped.end(),
                                           [](const Dimension* d) { return !d->per_record; });
  // The base query's text ends where its statement does (its file's last
  // newline dropped), so a closing parenthesis follows on a line of its own.
  const absl::string_view base_sql = absl::StripTrailingAsciiWhitespace(query.base_sql);
  const std::string base = absl::StrCat("(\n", base_sql, "\n) x");
  auto first_step = [&](const std::string& from, const std::vector<std::string>& columns,
                        const std::vector<std::string>& grouping) {
    return absl::StrCat("(SELECT ", absl::StrJoin(columns, ", "), columns.empty() ? "" : ", ",
                        FirstStepFigures(query.one_row_per_id), "\n  FROM ", from,
                        grouping.empty() ? "" : "\n  GROUP BY ", absl::StrJoin(grouping, ", "),
                        ") x");
  };
  const std::string from = branches ? "b x" : base;
  std::string sql = absl::StrCat(
      "SELECT ",
      index_cases.empty() ? "-1"
                          : absl::StrCat("CASE", absl::StrJoin(index_cases, ""), " ELSE -1 END"),
      " AS grouping_index, ", RolledUpFigures(query.one_row_per_id),
      record_keys.empty() ? "" : ", ", absl::StrJoin(record_keys, ", "), "\nFROM ",
      first_step(from, first_columns, first_grouping),
      first_columns.empty()
          ? ""
          : absl::StrCat("\nGROUP BY GROUPING SETS (", absl::StrJoin(sets, ", "), ")"));
  if (!branches) return sql + order;
  // Dimensions that vary within a record, one branch each.
  for (size_t i = 0; i < grouped.size(); ++i) {
    if (grouped[i]->per_record) continue;
    const std::string column = absl::StrCat("x.", grouped[i]->column);
    std::vector<std::string> branch_keys = nulls;
    branch_keys[i] = keys[i];
    absl::StrAppend(&sql, "\nUNION ALL\nSELECT ", i, ", ", RolledUpFigures(false), ", ",
                    absl::StrJoin(branch_keys, ", "), "\nFROM ",
                    first_step("b x", {column}, {"x.id", column}), "\nGROUP BY ", column);
  }
  return absl::StrCat("WITH b AS MATERIALIZED (\n", base_sql, "\n)\n", sql, order);
}

}  // namespace zs

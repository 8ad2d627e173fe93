#include "common/aggregate.h"

#include <algorithm>
#include <map>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "common/errors.h"

namespace zs {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

// Which groupings to run, checked against what the records have.
absl::StatusOr<std::vector<cv1::GroupBy>> Groupings(
    const std::vector<Dimension>& dimensions, bool supports_bands, cv1::GroupBy group_by,
    const google::protobuf::RepeatedField<int>& group_bys) {
  if (group_by != cv1::GROUP_BY_UNSPECIFIED && !group_bys.empty()) {
    return InvalidField("group_bys", "give either group_by or group_bys, not both");
  }
  const char* field = group_bys.empty() ? "group_by" : "group_bys";
  std::vector<cv1::GroupBy> asked;
  if (group_bys.empty()) asked.push_back(group_by);
  for (int g : group_bys) {
    if (!cv1::GroupBy_IsValid(g)) return InvalidField(field, absl::StrCat("unknown value ", g));
    asked.push_back(static_cast<cv1::GroupBy>(g));
  }
  for (size_t i = 0; i < asked.size(); ++i) {
    const cv1::GroupBy g = asked[i];
    if (std::find(asked.begin(), asked.begin() + i, g) != asked.begin() + i) {
      return InvalidField(field, absl::StrCat(cv1::GroupBy_Name(g), " is asked twice"));
    }
    const bool known = g == cv1::GROUP_BY_UNSPECIFIED ||
                       (g == cv1::GROUP_BY_INVESTMENT_BAND && supports_bands) ||
                       std::any_of(dimensions.begin(), dimensions.end(),
                                   [g](const Dimension& d) { return d.group_by == g; });
    if (!known) {
      return InvalidField(
          field, absl::StrCat(cv1::GroupBy_Name(g), " is not a dimension of these records"));
    }
  }
  return asked;
}

// The figures' expressions, each a bigint and zero when nothing matched.
std::string Bigints(const std::vector<std::string>& figures) {
  std::vector<std::string> out;
  for (const std::string& figure : figures) {
    out.push_back(absl::StrCat("COALESCE(", figure, ", 0)::bigint"));
  }
  return absl::StrJoin(out, ", ");
}

void AddRow(cv1::GroupBy group_by, std::string key, int64_t count, int64_t amount,
            google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  cv1::AggregateRow* row = rows->Add();
  row->set_group_by(group_by);
  row->set_key(std::move(key));
  row->set_count(count);
  row->set_investment_wan_yuan(amount);
}

// The result column of the first key (see AggregateSql).
constexpr int kFirstKey = 8;

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

// The result's figure columns, rolled up from first-step groups.
std::string RolledUpFigures(bool one_row_per_id) {
  auto records = [one_row_per_id](int i) {
    return one_row_per_id ? absl::StrCat("sum(x.c", i, ")")
                          : absl::StrCat("count(*) FILTER (WHERE x.c", i, ")");
  };
  return Bigints(
      {records(0), "sum(x.s0)", records(1), records(2), "sum(x.s1)", records(3), "sum(x.s2)"});
}

// The SQL of an aggregate. Its result columns: which of `grouped` a row
// belongs to (its index; -1 for the total, which carries the bands), the
// total count and sum, the "all" count, the ≥1亿 count and sum, the ≥10亿
// count and sum, then one key per grouped dimension (only the row's own is
// read).
//
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
  std::string order = " ORDER BY 1";  // then each key, by position
  for (size_t i = 0; i < grouped.size(); ++i) absl::StrAppend(&order, ", ", kFirstKey + 1 + i);
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
  std::vector<std::string> first_grouping = first_columns;
  if (!query.one_row_per_id) first_grouping.insert(first_grouping.begin(), "x.id");
  // Records over several rows read their rows once more per dimension that
  // varies within a record; only then are the rows materialized (b).
  const bool branches =
      !query.one_row_per_id && std::any_of(grouped.begin(), grouped.end(),
                                           [](const Dimension* d) { return !d->per_record; });
  const std::string base = absl::StrCat("(", query.base_sql, ") x");
  auto first_step = [&](const std::string& from, const std::vector<std::string>& columns,
                        const std::vector<std::string>& grouping) {
    return absl::StrCat("(SELECT ", absl::StrJoin(columns, ", "), columns.empty() ? "" : ", ",
                        FirstStepFigures(query.one_row_per_id), " FROM ", from,
                        grouping.empty() ? "" : " GROUP BY ", absl::StrJoin(grouping, ", "), ") x");
  };
  const std::string from = branches ? "b x" : base;
  std::string sql = absl::StrCat(
      "SELECT ",
      index_cases.empty() ? "-1"
                          : absl::StrCat("CASE", absl::StrJoin(index_cases, ""), " ELSE -1 END"),
      ", ", RolledUpFigures(query.one_row_per_id), record_keys.empty() ? "" : ", ",
      absl::StrJoin(record_keys, ", "), " FROM ", first_step(from, first_columns, first_grouping),
      first_columns.empty()
          ? ""
          : absl::StrCat(" GROUP BY GROUPING SETS (", absl::StrJoin(sets, ", "), ")"));
  if (!branches) return sql + order;
  // Dimensions that vary within a record, one branch each.
  for (size_t i = 0; i < grouped.size(); ++i) {
    if (grouped[i]->per_record) continue;
    const std::string column = absl::StrCat("x.", grouped[i]->column);
    std::vector<std::string> branch_keys = nulls;
    branch_keys[i] = keys[i];
    absl::StrAppend(&sql, " UNION ALL SELECT ", i, ", ", RolledUpFigures(false), ", ",
                    absl::StrJoin(branch_keys, ", "), " FROM ",
                    first_step("b x", {column}, {"x.id", column}), " GROUP BY ", column);
  }
  return absl::StrCat("WITH b AS MATERIALIZED (", query.base_sql, ") ", sql, order);
}

}  // namespace

absl::Status RunAggregate(pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
                          cv1::GroupBy group_by,
                          const google::protobuf::RepeatedField<int>& group_bys,
                          const AggregateQuery& query,
                          google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  absl::StatusOr<std::vector<cv1::GroupBy>> asked =
      Groupings(dimensions, query.supports_bands, group_by, group_bys);
  if (!asked.ok()) return asked.status();
  // The dimensions asked, as grouping sets beside the empty one (which
  // carries the total and the bands).
  std::vector<const Dimension*> grouped;
  for (cv1::GroupBy g : *asked) {
    for (const Dimension& d : dimensions) {
      if (d.group_by == g) grouped.push_back(&d);
    }
  }
  const std::string sql = AggregateSql(grouped, query);
  std::map<cv1::GroupBy, google::protobuf::RepeatedPtrField<cv1::AggregateRow>> by_grouping;
  bool saw_total = false;
  for (const pqxx::row& row :
       tx.exec_params(sql, pqxx::prepare::make_dynamic_params(query.params))) {
    const int index = row[0].as<int>();
    if (index < 0) {  // the total, which carries the bands
      saw_total = true;
      AddRow(cv1::GROUP_BY_UNSPECIFIED, "total", row[1].as<int64_t>(), row[2].as<int64_t>(),
             &by_grouping[cv1::GROUP_BY_UNSPECIFIED]);
      auto& bands = by_grouping[cv1::GROUP_BY_INVESTMENT_BAND];
      AddRow(cv1::GROUP_BY_INVESTMENT_BAND, "all", row[3].as<int64_t>(), row[2].as<int64_t>(),
             &bands);
      AddRow(cv1::GROUP_BY_INVESTMENT_BAND, "ge_1yi", row[4].as<int64_t>(), row[5].as<int64_t>(),
             &bands);
      AddRow(cv1::GROUP_BY_INVESTMENT_BAND, "ge_10yi", row[6].as<int64_t>(), row[7].as<int64_t>(),
             &bands);
      continue;
    }
    const Dimension& d = *grouped.at(index);
    const std::string key = row[kFirstKey + index].as<std::string>();
    // An enum left unset (a project without a chain action) is "none", as
    // an empty text column is.
    const std::string named = d.enum_name == nullptr ? key
                              : key == "0"           ? "none"
                                                     : d.enum_name(std::stoi(key));
    AddRow(d.group_by, named, row[1].as<int64_t>(), row[2].as<int64_t>(), &by_grouping[d.group_by]);
  }
  if (!saw_total) {  // no records at all: zeros, not a missing row
    AddRow(cv1::GROUP_BY_UNSPECIFIED, "total", 0, 0, &by_grouping[cv1::GROUP_BY_UNSPECIFIED]);
    for (const char* band : {"all", "ge_1yi", "ge_10yi"}) {
      AddRow(cv1::GROUP_BY_INVESTMENT_BAND, band, 0, 0,
             &by_grouping[cv1::GROUP_BY_INVESTMENT_BAND]);
    }
  }
  for (cv1::GroupBy g : *asked) {
    for (cv1::AggregateRow& row : by_grouping[g]) *rows->Add() = std::move(row);
  }
  return absl::OkStatus();
}

}  // namespace zs

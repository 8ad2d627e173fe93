#include "common/aggregate.h"

#include <algorithm>
#include <map>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/validation.h"

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

// The rows of one aggregate as SQL gives them, then put in the order and
// with the names the RPCs answer with: each grouping in the order asked, its
// rows by key (enum keys by their number), enum keys by their proto name.
class Rows {
 public:
  struct Values {
    int64_t count = 0, amount = 0;
  };
  struct Bands {
    int64_t count_all = 0, count_ge_1yi = 0, amount_ge_1yi = 0, count_ge_10yi = 0,
            amount_ge_10yi = 0;
  };

  void Total(Values total, Bands bands) {
    total_ = total;
    bands_ = bands;
  }
  void Group(const Dimension& d, std::string key, Values values) {
    groups_[d.group_by].push_back({&d, std::move(key), values});
  }

  void AnswerIn(const std::vector<cv1::GroupBy>& asked,
                google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
    for (cv1::GroupBy g : asked) {
      if (g == cv1::GROUP_BY_UNSPECIFIED) {
        Add(g, "total", total_, rows);
      } else if (g == cv1::GROUP_BY_INVESTMENT_BAND) {
        Add(g, "all", {bands_.count_all, total_.amount}, rows);
        Add(g, "ge_1yi", {bands_.count_ge_1yi, bands_.amount_ge_1yi}, rows);
        Add(g, "ge_10yi", {bands_.count_ge_10yi, bands_.amount_ge_10yi}, rows);
      } else {
        std::vector<Cell>& groups = groups_[g];
        std::sort(groups.begin(), groups.end(), [](const Cell& a, const Cell& b) {
          if (a.dimension->enum_name != nullptr && a.key.size() != b.key.size()) {
            return a.key.size() < b.key.size();  // numbers: shorter is smaller
          }
          return a.key < b.key;
        });
        for (const Cell& group : groups) {
          const Dimension& d = *group.dimension;
          // An enum left unset (a project without a chain action) is
          // "none", as an empty text column is.
          Add(g,
              d.enum_name == nullptr ? group.key
              : group.key == "0"     ? "none"
                                     : d.enum_name(std::stoi(group.key)),
              group.values, rows);
        }
      }
    }
  }

 private:
  struct Cell {
    const Dimension* dimension;
    std::string key;
    Values values;
  };
  static void Add(cv1::GroupBy group_by, std::string key, Values values,
                  google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
    cv1::AggregateRow* row = rows->Add();
    row->set_group_by(group_by);
    row->set_key(std::move(key));
    row->set_count(values.count);
    row->set_investment_wan_yuan(values.amount);
  }

  Values total_;  // zeros when no records matched
  Bands bands_;
  std::map<cv1::GroupBy, std::vector<Cell>> groups_;
};

// The dimensions asked, in the order asked (the total and the bands are
// not dimensions).
std::vector<const Dimension*> Grouped(const std::vector<Dimension>& dimensions,
                                      const std::vector<cv1::GroupBy>& asked) {
  std::vector<const Dimension*> grouped;
  for (cv1::GroupBy g : asked) {
    for (const Dimension& d : dimensions) {
      if (d.group_by == g) grouped.push_back(&d);
    }
  }
  return grouped;
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
  const std::vector<const Dimension*> grouped = Grouped(dimensions, *asked);
  Rows answer;
  for (const pqxx::row& row : tx.exec_params(AggregateSql(grouped, query),
                                             pqxx::prepare::make_dynamic_params(query.params))) {
    const int index = row[0].as<int>();
    const Rows::Values values{row[1].as<int64_t>(), row[2].as<int64_t>()};
    if (index < 0) {  // the total, which carries the bands
      answer.Total(values, {row[3].as<int64_t>(), row[4].as<int64_t>(), row[5].as<int64_t>(),
                            row[6].as<int64_t>(), row[7].as<int64_t>()});
      continue;
    }
    answer.Group(*grouped.at(index), row[kFirstKey + index].as<std::string>(), values);
  }
  answer.AnswerIn(*asked, rows);
  return absl::OkStatus();
}

namespace {

// The cells of a period: $1 figures, $2/$3 the first days of the whole
// months in it, $4/$5 its days, $6 the dimensions asked (and 'total'), $7
// whether the month is asked. Days inside the whole months come from the
// monthly cells, the rest from the daily cells, and every day's deltas not
// folded yet are added.
const std::string& RollupSql() {
  static const std::string* const kSql = new std::string(absl::StrCat(
      R"sql(
WITH cells AS (
  SELECT month AS day, dimension, key, row_count, count, amount, count_ge_1yi, amount_ge_1yi,
         count_ge_10yi, amount_ge_10yi
  FROM report_rollup_months
  WHERE figure = ANY($1::text[]) AND month BETWEEN $2::date AND $3::date
    AND dimension = ANY($6::text[])
  UNION ALL
  SELECT day, dimension, key, row_count, count, amount, count_ge_1yi, amount_ge_1yi,
         count_ge_10yi, amount_ge_10yi
  FROM report_rollup_days
  WHERE figure = ANY($1::text[]) AND day BETWEEN $4::date AND $5::date
    AND NOT (day >= $2::date AND day < $3::date + interval '1 month')
    AND dimension = ANY($6::text[])
  UNION ALL
  SELECT day, dimension, key, row_count, count, amount, count_ge_1yi, amount_ge_1yi,
         count_ge_10yi, amount_ge_10yi
  FROM ()sql",
      CellsOfFactsSql("report_deltas"), R"sql() unfolded
  WHERE figure = ANY($1::text[]) AND day BETWEEN $4::date AND $5::date
    AND dimension = ANY($6::text[])
)
SELECT dimension, key, sum(row_count) AS row_count, sum(count) AS count, sum(amount) AS amount,
       sum(count_ge_1yi) AS count_ge_1yi, sum(amount_ge_1yi) AS amount_ge_1yi,
       sum(count_ge_10yi) AS count_ge_10yi, sum(amount_ge_10yi) AS amount_ge_10yi
FROM cells GROUP BY dimension, key HAVING sum(row_count) <> 0
UNION ALL
SELECT 'month', to_char(day, 'YYYY-MM'), sum(row_count), sum(count), sum(amount), 0, 0, 0, 0
FROM cells WHERE $7::boolean AND dimension = 'total'
GROUP BY to_char(day, 'YYYY-MM') HAVING sum(row_count) <> 0)sql"));
  return *kSql;
}

std::string SqlArray(const std::vector<std::string>& items) {
  return absl::StrCat("{", absl::StrJoin(items, ","), "}");
}

}  // namespace

std::string CellsOfFactsSql(absl::string_view facts) {
  return absl::StrReplaceAll(
      R"sql(
  SELECT f.figure, f.day, e.dimension, e.key, f.sign::bigint AS row_count,
         CASE WHEN f.counted THEN f.sign ELSE 0 END::bigint AS count,
         f.sign * f.amount AS amount,
         CASE WHEN f.counted AND f.amount >= {one_yi} THEN f.sign ELSE 0 END::bigint AS count_ge_1yi,
         CASE WHEN f.counted AND f.amount >= {one_yi} THEN f.sign * f.amount ELSE 0 END
           AS amount_ge_1yi,
         CASE WHEN f.counted AND f.amount >= {ten_yi} THEN f.sign ELSE 0 END::bigint AS count_ge_10yi,
         CASE WHEN f.counted AND f.amount >= {ten_yi} THEN f.sign * f.amount ELSE 0 END
           AS amount_ge_10yi
  FROM {facts} f
  CROSS JOIN LATERAL (SELECT 'total', '' UNION ALL SELECT * FROM jsonb_each_text(f.keys))
    e (dimension, key))sql",
      {{"{facts}", facts},
       {"{one_yi}", absl::StrCat(kOneYiWanYuan)},
       {"{ten_yi}", absl::StrCat(kTenYiWanYuan)}});
}

absl::Status RunRollupAggregate(pqxx::transaction_base& tx,
                                const std::vector<Dimension>& dimensions, cv1::GroupBy group_by,
                                const google::protobuf::RepeatedField<int>& group_bys,
                                const RollupQuery& query,
                                google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  absl::StatusOr<std::vector<cv1::GroupBy>> asked =
      Groupings(dimensions, query.supports_bands, group_by, group_bys);
  if (!asked.ok()) return asked.status();
  const std::vector<const Dimension*> grouped = Grouped(dimensions, *asked);
  const bool steps = !query.month_key.empty();
  std::vector<std::string> names = {"total"};
  bool month_asked = false;
  for (const Dimension* d : grouped) {
    if (d->group_by == cv1::GROUP_BY_MONTH) {
      month_asked = true;
    } else {
      names.push_back(d->column);
    }
  }
  // Dates the caller has validated.
  const absl::CivilDay first = steps ? absl::CivilDay(1, 1, 1) : ParseDateOrDie(query.first_day);
  const absl::CivilDay last = ParseDateOrDie(query.last_day);
  // The whole months inside the period: from the first month starting on
  // or after its first day to the last month ending on or before its last.
  absl::CivilMonth first_month(first), last_month(last);
  if (absl::CivilDay(first_month) != first) ++first_month;
  if (absl::CivilDay(last_month + 1) - 1 != last) --last_month;
  std::string whole_from = "9999-12-01", whole_to = "0001-01-01";  // none
  if (first_month <= last_month) {
    whole_from = FormatDate(absl::CivilDay(first_month));
    whole_to = FormatDate(absl::CivilDay(last_month));
  }
  std::map<std::string, const Dimension*> by_name;
  for (const Dimension* d : grouped) by_name[d->column] = d;
  Rows answer;
  for (const pqxx::row& row :
       tx.exec_params(RollupSql(), SqlArray(query.figures), whole_from, whole_to, FormatDate(first),
                      FormatDate(last), SqlArray(names), month_asked && !steps)) {
    const std::string dimension = row["dimension"].as<std::string>();
    const Rows::Values values{row["count"].as<int64_t>(), row["amount"].as<int64_t>()};
    if (dimension == "total") {
      answer.Total(values, {values.count, row["count_ge_1yi"].as<int64_t>(),
                            row["amount_ge_1yi"].as<int64_t>(), row["count_ge_10yi"].as<int64_t>(),
                            row["amount_ge_10yi"].as<int64_t>()});
      // A figure of steps falls in one month, the one it is counted for.
      if (steps && month_asked) answer.Group(*by_name.at("month"), query.month_key, values);
      continue;
    }
    answer.Group(*by_name.at(dimension), row["key"].as<std::string>(), values);
  }
  answer.AnswerIn(*asked, rows);
  return absl::OkStatus();
}

}  // namespace zs

// The grouped count-and-sum every aggregate RPC answers, two ways:
// RunRollupAggregate reads the maintained rollups (common/report_rollup.h),
// which is what the RPCs serve; RunAggregate computes the same rows from the
// records themselves, the definition the rollups are checked against.
//
// A service describes its records as a base query whose rows carry `id`
// (the record counted), `counted` (whether the row adds to the count, e.g.
// false for a capital increase that adds only money), `amount` (万元) and one
// column per dimension it supports. RunAggregate groups that by each asked
// dimension in one pass over the rows (GROUPING SETS): GROUP_BY_UNSPECIFIED
// gives a single "total" row (zeros when nothing matches), and
// INVESTMENT_BAND the nested rows "all", "ge_1yi" (≥ 1亿元) and "ge_10yi"
// (≥ 10亿元).
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>
#include <google/protobuf/repeated_field.h>
#include <google/protobuf/repeated_ptr_field.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs {

// Investment bands, in 万元: 1亿元 and 10亿元.
inline constexpr int64_t kOneYiWanYuan = 10'000;
inline constexpr int64_t kTenYiWanYuan = 100'000;

struct Dimension {
  zhaoshang::common::v1::GroupBy group_by;
  // A column of the base query, and the dimension's name in the rollups
  // (the key of report_deltas.keys; "month" is the month of the day).
  const char* column;
  std::string (*enum_name)(int);  // names enum keys; null for text keys
  // SQL making the key from the grouped column (%s), applied to the groups
  // rather than to every row; null: the column as it is.
  const char* key_sql = nullptr;
  // The same on every row of a record (a project's unit on each of its
  // transitions); false when it varies (the month of each transition).
  bool per_record = true;
};

// EnumName<Industry> turns a stored enum number into its proto name.
template <typename Enum>
std::string EnumName(int value) {
  const auto* named = google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(value);
  return named != nullptr ? named->name() : std::to_string(value);
}

struct AggregateQuery {
  std::string base_sql;             // SELECT id, counted, amount, <dimensions> …
  std::vector<std::string> params;  // $1, $2 … of base_sql
  bool supports_bands = false;
  // Each record is one row of base_sql (no join repeats it), so rows can be
  // counted as records (see AggregateSql for what either way costs).
  bool one_row_per_id = false;
};

// The groupings of an aggregate request: `group_bys` when given (several in
// one pass), else `group_by` alone. Rows come in the order asked, each
// naming its group_by; INVALID_ARGUMENT for a dimension the records lack,
// a grouping asked twice, or both fields set.
absl::Status RunAggregate(
    pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
    zhaoshang::common::v1::GroupBy group_by, const google::protobuf::RepeatedField<int>& group_bys,
    const AggregateQuery& query,
    google::protobuf::RepeatedPtrField<zhaoshang::common::v1::AggregateRow>* rows);

// A figure of the maintained rollups over a period.
struct RollupQuery {
  // Figures summed together (report_deltas.figure), e.g. 'leads', or both
  // activity kinds when no kind is asked.
  std::vector<std::string> figures;
  // The period's first and last business day, inclusive (YYYY-MM-DD).
  std::string first_day, last_day;
  bool supports_bands = false;
  // Set for a figure kept as steps (continuing projects): it is the running
  // sum up to last_day (first_day is ignored), and its one month is this.
  std::string month_key;
};

// The same rows as RunAggregate gives for the same records and period, from
// the rollups: whole months from the monthly cells, the rest from the daily
// ones, plus the deltas not folded yet, in one statement (so one snapshot).
// Errors as RunAggregate's.
absl::Status RunRollupAggregate(
    pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
    zhaoshang::common::v1::GroupBy group_by, const google::protobuf::RepeatedField<int>& group_bys,
    const RollupQuery& query,
    google::protobuf::RepeatedPtrField<zhaoshang::common::v1::AggregateRow>* rows);

}  // namespace zs

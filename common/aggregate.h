// The grouped count-and-sum every aggregate RPC runs, pushed down to SQL.
//
// A service describes its records as a base query whose rows carry `id`
// (the record counted), `counted` (whether the row adds to the count, e.g.
// false for a capital increase that adds only money), `amount` (万元) and one
// column per dimension it supports. RunAggregate groups that by the asked
// dimension; without one it returns a single "total" row (zeros when nothing
// matches), and INVESTMENT_BAND returns the nested rows "all", "ge_1yi"
// (≥ 1亿元) and "ge_10yi" (≥ 10亿元).
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/generated_enum_reflection.h>
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
  const char* column;             // a column of the base query
  std::string (*enum_name)(int);  // names enum keys; null for text keys
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
};

absl::Status RunAggregate(
    pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
    zhaoshang::common::v1::GroupBy group_by, const AggregateQuery& query,
    google::protobuf::RepeatedPtrField<zhaoshang::common::v1::AggregateRow>* rows);

}  // namespace zs

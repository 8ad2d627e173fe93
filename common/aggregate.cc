#include "common/aggregate.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"

namespace zs {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

constexpr char kCount[] = "count(DISTINCT x.id) FILTER (WHERE x.counted)";

}  // namespace

absl::Status RunAggregate(pqxx::transaction_base& tx, const std::vector<Dimension>& dimensions,
                          cv1::GroupBy group_by, const AggregateQuery& query,
                          google::protobuf::RepeatedPtrField<cv1::AggregateRow>* rows) {
  const Dimension* dimension = nullptr;
  for (const Dimension& d : dimensions) {
    if (d.group_by == group_by) dimension = &d;
  }
  const bool bands = group_by == cv1::GROUP_BY_INVESTMENT_BAND && query.supports_bands;
  if (group_by != cv1::GROUP_BY_UNSPECIFIED && dimension == nullptr && !bands) {
    return InvalidField("group_by", absl::StrCat(cv1::GroupBy_Name(group_by),
                                                 " is not a dimension of these records"));
  }
  std::string sql;
  if (bands) {
    // Bands nest: a 12亿 project is in all three rows. Money that is not
    // counted (increments) belongs only to "all".
    sql = absl::StrCat(
        "SELECT b.key, count(DISTINCT x.id) FILTER (WHERE x.counted AND x.amount >= b.min), "
        "COALESCE(sum(x.amount) FILTER (WHERE b.min = 0 OR (x.counted AND x.amount >= b.min)), 0) "
        "FROM (VALUES ('all', 0, 1), ('ge_1yi', ",
        kOneYiWanYuan, ", 2), ('ge_10yi', ", kTenYiWanYuan,
        ", 3)) "
        "  AS b(key, min, ord) LEFT JOIN (",
        query.base_sql, ") x ON true GROUP BY b.key, b.ord ORDER BY b.ord");
  } else if (dimension == nullptr) {
    sql = absl::StrCat("SELECT 'total', ", kCount, ", COALESCE(sum(x.amount), 0) FROM (",
                       query.base_sql, ") x");
  } else {
    sql = absl::StrCat("SELECT x.", dimension->column, ", ", kCount,
                       ", COALESCE(sum(x.amount), 0) FROM (", query.base_sql,
                       ") x GROUP BY 1 ORDER BY 1");
  }
  for (const pqxx::row& row :
       tx.exec_params(sql, pqxx::prepare::make_dynamic_params(query.params))) {
    cv1::AggregateRow* out = rows->Add();
    const std::string key = row[0].as<std::string>();
    out->set_key(dimension && dimension->enum_name ? dimension->enum_name(std::stoi(key)) : key);
    out->set_count(row[1].as<int64_t>());
    out->set_investment_wan_yuan(row[2].as<int64_t>());
  }
  return absl::OkStatus();
}

}  // namespace zs

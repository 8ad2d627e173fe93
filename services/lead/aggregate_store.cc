#include "services/lead/aggregate_store.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "services/lead/lead_rules.h"

namespace zs::lead {
namespace {

namespace common = ::zhaoshang::common::v1;

// How one dimension is grouped in SQL, and how an enum key is named.
struct Dimension {
  common::GroupBy group_by;
  const char* sql;
  std::string (*enum_name)(int);  // null for text keys
};

template <typename Enum>
std::string EnumName(int value) {
  const auto* named = google::protobuf::GetEnumDescriptor<Enum>()->FindValueByNumber(value);
  return named != nullptr ? named->name() : std::to_string(value);
}

const std::vector<Dimension>& ActivityDimensions() {
  static const auto* const kDimensions = new std::vector<Dimension>{
      {common::GROUP_BY_UNIT, "COALESCE(unit_code, 'none')", nullptr},
      {common::GROUP_BY_OFFICE, "COALESCE(office_code, 'none')", nullptr},
      {common::GROUP_BY_LEADER, "COALESCE(leader_code, 'none')", nullptr},
      {common::GROUP_BY_MONTH, "to_char(start_date, 'YYYY-MM')", nullptr},
      {common::GROUP_BY_ACTIVITY_KIND, "kind::text", EnumName<v1::ActivityKind>},
  };
  return *kDimensions;
}

const std::vector<Dimension>& LeadDimensions() {
  static const auto* const kDimensions = new std::vector<Dimension>{
      {common::GROUP_BY_UNIT, "COALESCE(unit_code, 'none')", nullptr},
      {common::GROUP_BY_OFFICE, "COALESCE(office_code, 'none')", nullptr},
      {common::GROUP_BY_INDUSTRY, "industry::text", EnumName<common::Industry>},
      {common::GROUP_BY_CHANNEL, "channel::text", EnumName<common::Channel>},
      {common::GROUP_BY_STAGE, "status::text", EnumName<v1::LeadStatus>},
      {common::GROUP_BY_MONTH, "to_char(collected_date, 'YYYY-MM')", nullptr},
      {common::GROUP_BY_CHAIN_ACTION, "chain_action::text", EnumName<common::ChainAction>},
  };
  return *kDimensions;
}

// Runs `SELECT key, count, sum FROM <from> WHERE <where> GROUP BY key`;
// without a dimension, one "total" row (zeros when nothing matches).
absl::Status Aggregate(pqxx::work& tx, const std::vector<Dimension>& dimensions,
                       common::GroupBy group_by, const std::string& from_where,
                       const char* sum_column, const std::string& start, const std::string& end,
                       google::protobuf::RepeatedPtrField<common::AggregateRow>* rows) {
  const Dimension* dimension = nullptr;
  if (group_by != common::GROUP_BY_UNSPECIFIED) {
    for (const Dimension& d : dimensions) {
      if (d.group_by == group_by) dimension = &d;
    }
    if (dimension == nullptr) {
      return InvalidField("group_by", absl::StrCat(common::GroupBy_Name(group_by),
                                                   " is not a dimension of these records"));
    }
  }
  const std::string key = dimension ? dimension->sql : "'total'";
  const std::string sql =
      absl::StrCat("SELECT ", key, " AS key, count(*), COALESCE(sum(", sum_column, "), 0)::bigint ",
                   from_where, dimension ? " GROUP BY 1 ORDER BY 1" : "");
  for (const pqxx::row& row : tx.exec_params(sql, start, end)) {
    common::AggregateRow* out = rows->Add();
    const std::string raw = row[0].as<std::string>();
    out->set_key(dimension && dimension->enum_name ? dimension->enum_name(std::stoi(raw)) : raw);
    out->set_count(row[1].as<int64_t>());
    out->set_investment_wan_yuan(row[2].as<int64_t>());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AggregateStore::Activities(pqxx::work& tx,
                                        const v1::AggregateActivitiesRequest& request,
                                        v1::AggregateActivitiesResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateDateRange("start_date_range", request.start_date_range(), true));
  if (!v1::ActivityKind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  const std::string where =
      absl::StrCat("FROM activities WHERE start_date BETWEEN $1 AND $2",
                   request.kind() == v1::ACTIVITY_KIND_UNSPECIFIED
                       ? ""
                       : absl::StrCat(" AND kind = ", static_cast<int>(request.kind())));
  return Aggregate(tx, ActivityDimensions(), request.group_by(), where, "0",
                   request.start_date_range().start_date(), request.start_date_range().end_date(),
                   out->mutable_rows());
}

absl::Status AggregateStore::Leads(pqxx::work& tx, const v1::AggregateLeadsRequest& request,
                                   v1::AggregateLeadsResponse* out) const {
  ZS_RETURN_IF_ERROR(
      ValidateDateRange("collected_date_range", request.collected_date_range(), true));
  return Aggregate(tx, LeadDimensions(), request.group_by(),
                   "FROM leads WHERE collected_date BETWEEN $1 AND $2 AND status <> 5",
                   "estimated_investment_wan_yuan", request.collected_date_range().start_date(),
                   request.collected_date_range().end_date(), out->mutable_rows());
}

}  // namespace zs::lead

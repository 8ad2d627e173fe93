#include "services/lead/aggregate_store.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/aggregate.h"
#include "common/errors.h"
#include "services/lead/lead_rules.h"
#include "services/lead/queries.h"

namespace zs::lead {

namespace common = ::zhaoshang::common::v1;

namespace {

// Keys made from the groups, not from every row (see Dimension::key_sql).
constexpr char kNoneIfNull[] = "COALESCE(%s, 'none')";
constexpr char kYearMonth[] = "to_char(%s, 'YYYY-MM')";

}  // namespace

const std::vector<Dimension>& ActivityDimensions() {
  static const auto* const kDimensions = new std::vector<Dimension>{
      {common::GROUP_BY_UNIT, "unit", nullptr},
      {common::GROUP_BY_OFFICE, "office", nullptr},
      {common::GROUP_BY_LEADER, "leader", nullptr},
      {common::GROUP_BY_MONTH, "month", nullptr},
      {common::GROUP_BY_ACTIVITY_KIND, "kind", EnumName<v1::ActivityKind>},
  };
  return *kDimensions;
}

const std::vector<Dimension>& LeadDimensions() {
  static const auto* const kDimensions = new std::vector<Dimension>{
      {common::GROUP_BY_UNIT, "unit_code", nullptr, kNoneIfNull},
      {common::GROUP_BY_OFFICE, "office_code", nullptr, kNoneIfNull},
      {common::GROUP_BY_INDUSTRY, "industry", EnumName<common::Industry>},
      {common::GROUP_BY_CHANNEL, "channel", EnumName<common::Channel>},
      {common::GROUP_BY_STAGE, "status", EnumName<v1::LeadStatus>},
      {common::GROUP_BY_MONTH, "month", nullptr, kYearMonth},
      {common::GROUP_BY_CHAIN_ACTION, "chain_action", EnumName<common::ChainAction>},
  };
  return *kDimensions;
}

AggregateQuery ActivityRecords(const v1::AggregateActivitiesRequest& request) {
  return {.base_sql = queries::kAggregateActivities.sql,
          .params = {request.start_date_range().start_date(), request.start_date_range().end_date(),
                     std::to_string(request.kind())},
          .one_row_per_id = true};
}

AggregateQuery LeadRecords(const v1::AggregateLeadsRequest& request) {
  return {.base_sql = queries::kAggregateLeads.sql,
          .params = {request.collected_date_range().start_date(),
                     request.collected_date_range().end_date()},
          .supports_bands = true,
          .one_row_per_id = true};
}

absl::Status AggregateStore::Activities(pqxx::transaction_base& tx,
                                        const v1::AggregateActivitiesRequest& request,
                                        v1::AggregateActivitiesResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateDateRange("start_date_range", request.start_date_range(), true));
  if (!v1::ActivityKind_IsValid(request.kind())) {
    return InvalidField("kind", absl::StrCat("unknown value ", request.kind()));
  }
  if (source_ == Source::kRollups) {
    // One figure per kind (lead/0006, activity_report_facts).
    std::vector<std::string> figures;
    const auto* kinds = google::protobuf::GetEnumDescriptor<v1::ActivityKind>();
    for (int i = 0; i < kinds->value_count(); ++i) {
      const int kind = kinds->value(i)->number();
      if (kind != 0 && (request.kind() == 0 || request.kind() == kind)) {
        figures.push_back(absl::StrCat("activities.", kind));
      }
    }
    return RunRollupAggregate(tx, ActivityDimensions(), request.group_by(), request.group_bys(),
                              {.figures = figures,
                               .first_day = request.start_date_range().start_date(),
                               .last_day = request.start_date_range().end_date()},
                              out->mutable_rows());
  }
  return RunAggregate(tx, ActivityDimensions(), request.group_by(), request.group_bys(),
                      ActivityRecords(request), out->mutable_rows());
}

absl::Status AggregateStore::Leads(pqxx::transaction_base& tx,
                                   const v1::AggregateLeadsRequest& request,
                                   v1::AggregateLeadsResponse* out) const {
  ZS_RETURN_IF_ERROR(
      ValidateDateRange("collected_date_range", request.collected_date_range(), true));
  if (source_ == Source::kRollups) {
    return RunRollupAggregate(tx, LeadDimensions(), request.group_by(), request.group_bys(),
                              {.figures = {"leads"},
                               .first_day = request.collected_date_range().start_date(),
                               .last_day = request.collected_date_range().end_date(),
                               .supports_bands = true},
                              out->mutable_rows());
  }
  return RunAggregate(tx, LeadDimensions(), request.group_by(), request.group_bys(),
                      LeadRecords(request), out->mutable_rows());
}

}  // namespace zs::lead

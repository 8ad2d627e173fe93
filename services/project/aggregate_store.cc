#include "services/project/aggregate_store.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/aggregate.h"
#include "common/errors.h"
#include "common/validation.h"
#include "services/project/queries.h"

namespace zs::project {

namespace common = ::zhaoshang::common::v1;

const std::vector<Dimension>& ProjectDimensions() {
  static const auto* const kDimensions = new std::vector<Dimension>{
      {common::GROUP_BY_UNIT, "unit", nullptr},
      {common::GROUP_BY_INDUSTRY, "industry", EnumName<common::Industry>},
      {common::GROUP_BY_PARK, "park", nullptr},
      {common::GROUP_BY_LEADER, "leader", nullptr},
      {common::GROUP_BY_CHAIN_ACTION, "chain_action", EnumName<common::ChainAction>},
      {common::GROUP_BY_MONTH, "month", nullptr, nullptr, /*per_record=*/false},
      {common::GROUP_BY_ACTIVITY, "activity", nullptr},
  };
  return *kDimensions;
}

AggregateQuery TransitionRecords(const v1::AggregateTransitionsRequest& request) {
  return {.base_sql = queries::kAggregateTransitions.sql,
          .params = {request.effective_date_range().start_date(),
                     request.effective_date_range().end_date(),
                     std::to_string(static_cast<int>(request.to_stage()))},
          .supports_bands = true};
}

AggregateQuery FundRecords(const v1::AggregateFundsRequest& request) {
  return {.base_sql = queries::kAggregateFunds.sql,
          .params = {request.arrival_date_range().start_date(),
                     request.arrival_date_range().end_date()},
          .one_row_per_id = true};
}

AggregateQuery ContinuingRecords(const v1::AggregateContinuingRequest& request) {
  return {.base_sql = queries::kAggregateContinuing.sql,
          .params = {std::to_string(request.year())},
          .supports_bands = true};
}

namespace {

absl::Status ValidateRange(absl::string_view field, const common::DateRange& range) {
  ZS_RETURN_IF_ERROR(ValidateDate(absl::StrCat(field, ".start_date"), range.start_date()));
  ZS_RETURN_IF_ERROR(ValidateDate(absl::StrCat(field, ".end_date"), range.end_date()));
  if (range.end_date() < range.start_date()) {
    return InvalidField(absl::StrCat(field, ".end_date"), "is before start_date");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AggregateStore::Transitions(pqxx::transaction_base& tx,
                                         const v1::AggregateTransitionsRequest& request,
                                         v1::AggregateTransitionsResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateRange("effective_date_range", request.effective_date_range()));
  const v1::Stage to = request.to_stage();
  if (!v1::Stage_IsValid(to) || to == v1::STAGE_UNSPECIFIED || to == v1::STAGE_PROMOTED ||
      to == v1::STAGE_CONTINUING) {
    return InvalidField("to_stage",
                        "must be NEGOTIATING, SIGNED, TO_START, STARTED, COMPLETED or DROPPED "
                        "(continuing projects: AggregateContinuing)");
  }
  if (source_ == Source::kRollups) {
    // The signed figure holds the capital increases too (project/0004).
    return RunRollupAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                              {.figures = {absl::StrCat("transitions.", static_cast<int>(to))},
                               .first_day = request.effective_date_range().start_date(),
                               .last_day = request.effective_date_range().end_date(),
                               .supports_bands = true},
                              out->mutable_rows());
  }
  return RunAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                      TransitionRecords(request), out->mutable_rows());
}

absl::Status AggregateStore::Funds(pqxx::transaction_base& tx,
                                   const v1::AggregateFundsRequest& request,
                                   v1::AggregateFundsResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateRange("arrival_date_range", request.arrival_date_range()));
  if (source_ == Source::kRollups) {
    return RunRollupAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                              {.figures = {"funds"},
                               .first_day = request.arrival_date_range().start_date(),
                               .last_day = request.arrival_date_range().end_date()},
                              out->mutable_rows());
  }
  return RunAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                      FundRecords(request), out->mutable_rows());
}

absl::Status AggregateStore::Continuing(pqxx::transaction_base& tx,
                                        const v1::AggregateContinuingRequest& request,
                                        v1::AggregateContinuingResponse* out) const {
  ZS_RETURN_IF_ERROR(ValidateYear("year", request.year()));
  if (source_ == Source::kRollups) {
    // Kept as yearly steps whose running sum is the figure (project/0004).
    const std::string first_day = absl::StrFormat("%04d-01-01", request.year());
    return RunRollupAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                              {.figures = {"continuing"},
                               .last_day = first_day,
                               .supports_bands = true,
                               .month_key = first_day.substr(0, 7)},
                              out->mutable_rows());
  }
  return RunAggregate(tx, ProjectDimensions(), request.group_by(), request.group_bys(),
                      ContinuingRecords(request), out->mutable_rows());
}

}  // namespace zs::project

#include "services/project/aggregate_store.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/aggregate.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs::project {
namespace {

namespace common = ::zhaoshang::common::v1;

// Dimension columns every base query below provides, from the project.
constexpr char kProjectDimensions[] =
    "p.unit_code AS unit, p.industry::text AS industry, COALESCE(p.park_code, 'none') AS park, "
    "COALESCE(p.leader_code, 'none') AS leader, p.chain_action::text AS chain_action, "
    "COALESCE(p.signed_at_activity_id::text, 'none') AS activity";

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
  // Stage changes (kind 1) count; for SIGNED, capital increases (kind 2)
  // in the period add their increment without counting.
  std::string base =
      absl::StrCat("SELECT t.project_id AS id, true AS counted, t.investment_wan_yuan AS amount, ",
                   kProjectDimensions, ", to_char(t.effective_date, 'YYYY-MM') AS month ",
                   "FROM transitions t JOIN projects p ON p.id = t.project_id "
                   "WHERE t.kind = 1 AND t.to_stage = $3::int "
                   "  AND t.effective_date BETWEEN $1::date AND $2::date");
  if (to == v1::STAGE_SIGNED) {
    absl::StrAppend(&base, " UNION ALL SELECT t.project_id, false, t.increment_wan_yuan, ",
                    kProjectDimensions,
                    ", to_char(t.effective_date, 'YYYY-MM') "
                    "FROM transitions t JOIN projects p ON p.id = t.project_id "
                    "WHERE t.kind = 2 AND t.effective_date BETWEEN $1::date AND $2::date");
  }
  return RunAggregate(
      tx, ProjectDimensions(), request.group_by(), request.group_bys(),
      {.base_sql = base,
       .params = {request.effective_date_range().start_date(),
                  request.effective_date_range().end_date(), std::to_string(static_cast<int>(to))},
       .supports_bands = true},
      out->mutable_rows());
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
  // Counts payments (a project paid in two months counts in each, so the
  // months add up to the whole); sums what arrived.
  return RunAggregate(
      tx, ProjectDimensions(), request.group_by(), request.group_bys(),
      {.base_sql = absl::StrCat("SELECT f.id AS id, true AS counted, "
                                "f.amount_wan_yuan AS amount, ",
                                kProjectDimensions,
                                ", to_char(f.arrival_date, 'YYYY-MM') AS month "
                                "FROM funds f JOIN projects p ON p.id = f.project_id "
                                "WHERE f.arrival_date BETWEEN $1::date AND $2::date"),
       .params = {request.arrival_date_range().start_date(),
                  request.arrival_date_range().end_date()},
       .one_row_per_id = true},
      out->mutable_rows());
}

absl::Status AggregateStore::Continuing(pqxx::transaction_base& tx,
                                        const v1::AggregateContinuingRequest& request,
                                        v1::AggregateContinuingResponse* out) const {
  if (request.year() < 2000 || request.year() > 2100) {
    return InvalidField("year", "must be between 2000 and 2100");
  }
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
  // Continuing in `year` = under construction as it began, by the recorded
  // dates (continuing_on, migration 0002), with the investment as it stood
  // then; whether or when a rollover ran does not matter.
  return RunAggregate(
      tx, ProjectDimensions(), request.group_by(), request.group_bys(),
      {.base_sql = absl::StrCat("SELECT p.id AS id, true AS counted, "
                                "investment_before(p, make_date($1::int, 1, 1)) AS amount, ",
                                kProjectDimensions,
                                ", to_char(make_date($1::int, 1, 1), 'YYYY-MM') AS month "
                                "FROM projects p WHERE continuing_on(p, make_date($1::int, 1, 1))"),
       .params = {std::to_string(request.year())},
       .supports_bands = true},
      out->mutable_rows());
}

}  // namespace zs::project

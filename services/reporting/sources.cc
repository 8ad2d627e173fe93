#include "services/reporting/sources.h"

#include <algorithm>
#include <future>

#include "absl/strings/str_cat.h"
#include "common/aggregate.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/outbound.h"
#include "services/reporting/period.h"

namespace zs::reporting {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;
namespace pv1 = ::zhaoshang::project::v1;
using Rows = google::protobuf::RepeatedPtrField<cv1::AggregateRow>;

// The figures the lead and project services count, each with the grouping
// that gives its headline: a total, or nested investment bands. Breakdowns
// come in this order too.
struct FigureSource {
  rv1::Figure figure;
  cv1::GroupBy grouping;
};
constexpr FigureSource kSources[] = {
    {rv1::FIGURE_OUTBOUND_TRIPS, cv1::GROUP_BY_UNSPECIFIED},
    {rv1::FIGURE_MERCHANT_VISITS, cv1::GROUP_BY_UNSPECIFIED},
    {rv1::FIGURE_LEADS, cv1::GROUP_BY_UNSPECIFIED},
    {rv1::FIGURE_SIGNED_PROJECTS, cv1::GROUP_BY_INVESTMENT_BAND},
    {rv1::FIGURE_CONTINUING_PROJECTS, cv1::GROUP_BY_INVESTMENT_BAND},
    {rv1::FIGURE_STARTED_PROJECTS, cv1::GROUP_BY_INVESTMENT_BAND},
    {rv1::FIGURE_FUNDS_IN_PLACE, cv1::GROUP_BY_UNSPECIFIED},
};

const cv1::AggregateRow* RowWithKey(const Rows& rows, const std::string& key) {
  for (const auto& row : rows) {
    if (row.key() == key) return &row;
  }
  return nullptr;
}

rv1::FigureValue Value(rv1::Figure figure, const cv1::AggregateRow* row) {
  rv1::FigureValue value;
  value.set_figure(figure);
  if (row != nullptr) {
    value.set_count(row->count());
    value.set_investment_wan_yuan(row->investment_wan_yuan());
  }
  return value;
}

}  // namespace

bool FigureHasDimension(rv1::Figure figure, cv1::GroupBy g) {
  using G = cv1::GroupBy;
  auto in = [g](std::initializer_list<G> dims) {
    return std::find(dims.begin(), dims.end(), g) != dims.end();
  };
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
    case rv1::FIGURE_MERCHANT_VISITS:
      return in({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_LEADER,
                 cv1::GROUP_BY_MONTH, cv1::GROUP_BY_ACTIVITY_KIND});
    case rv1::FIGURE_LEADS:
      return in({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_INDUSTRY,
                 cv1::GROUP_BY_CHANNEL, cv1::GROUP_BY_MONTH, cv1::GROUP_BY_CHAIN_ACTION,
                 cv1::GROUP_BY_STAGE, cv1::GROUP_BY_INVESTMENT_BAND});
    case rv1::FIGURE_SIGNED_PROJECTS:
    case rv1::FIGURE_STARTED_PROJECTS:
      return in({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_PARK,
                 cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_MONTH,
                 cv1::GROUP_BY_ACTIVITY, cv1::GROUP_BY_INVESTMENT_BAND});
    case rv1::FIGURE_CONTINUING_PROJECTS:
      return in({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_PARK,
                 cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_ACTIVITY,
                 cv1::GROUP_BY_INVESTMENT_BAND});
    case rv1::FIGURE_FUNDS_IN_PLACE:
      return in({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_PARK,
                 cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_MONTH});
    default:
      return false;
  }
}

ReportSources::ReportSources(std::shared_ptr<grpc::Channel> lead,
                             std::shared_ptr<grpc::Channel> project, absl::Duration timeout)
    : lead_("lead", std::move(lead), timeout), project_("project", std::move(project), timeout) {}

absl::StatusOr<Rows> ReportSources::Aggregate(const CallContext& call, const cv1::DateRange& period,
                                              rv1::Figure figure,
                                              const std::vector<cv1::GroupBy>& groupings) const {
  google::protobuf::RepeatedField<int> group_bys(groupings.begin(), groupings.end());
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
    case rv1::FIGURE_MERCHANT_VISITS: {
      lv1::AggregateActivitiesRequest request;
      *request.mutable_start_date_range() = period;
      request.set_kind(figure == rv1::FIGURE_OUTBOUND_TRIPS ? lv1::ACTIVITY_KIND_OUTBOUND_TRIP
                                                            : lv1::ACTIVITY_KIND_MERCHANT_VISIT);
      *request.mutable_group_bys() = group_bys;
      lv1::AggregateActivitiesResponse response;
      ZS_RETURN_IF_ERROR(
          lead_.Call(call, &lv1::LeadService::Stub::AggregateActivities, request, &response));
      return response.rows();
    }
    case rv1::FIGURE_LEADS: {
      lv1::AggregateLeadsRequest request;
      *request.mutable_collected_date_range() = period;
      *request.mutable_group_bys() = group_bys;
      lv1::AggregateLeadsResponse response;
      ZS_RETURN_IF_ERROR(
          lead_.Call(call, &lv1::LeadService::Stub::AggregateLeads, request, &response));
      return response.rows();
    }
    case rv1::FIGURE_SIGNED_PROJECTS:
    case rv1::FIGURE_STARTED_PROJECTS:
    case rv1::FIGURE_STARTED_GE_1YI:
    case rv1::FIGURE_STARTED_GE_10YI: {
      pv1::AggregateTransitionsRequest request;
      *request.mutable_effective_date_range() = period;
      request.set_to_stage(figure == rv1::FIGURE_SIGNED_PROJECTS ? pv1::STAGE_SIGNED
                                                                 : pv1::STAGE_STARTED);
      *request.mutable_group_bys() = group_bys;
      pv1::AggregateTransitionsResponse response;
      ZS_RETURN_IF_ERROR(project_.Call(call, &pv1::ProjectService::Stub::AggregateTransitions,
                                       request, &response));
      return response.rows();
    }
    case rv1::FIGURE_CONTINUING_PROJECTS: {
      if (!HasBegun(period, TodayInChina())) return Rows();  // no future figures
      pv1::AggregateContinuingRequest request;
      request.set_year(std::stoi(period.start_date().substr(0, 4)));
      *request.mutable_group_bys() = group_bys;
      pv1::AggregateContinuingResponse response;
      ZS_RETURN_IF_ERROR(
          project_.Call(call, &pv1::ProjectService::Stub::AggregateContinuing, request, &response));
      return response.rows();
    }
    case rv1::FIGURE_FUNDS_IN_PLACE: {
      pv1::AggregateFundsRequest request;
      *request.mutable_arrival_date_range() = period;
      *request.mutable_group_bys() = group_bys;
      pv1::AggregateFundsResponse response;
      ZS_RETURN_IF_ERROR(
          project_.Call(call, &pv1::ProjectService::Stub::AggregateFunds, request, &response));
      return response.rows();
    }
    default:
      return InvalidField("figure", "is required");
  }
}

absl::StatusOr<ReportSources::Parts> ReportSources::Report(
    const CallContext& call, const cv1::DateRange& period,
    const std::vector<cv1::GroupBy>& breakdowns) const {
  for (cv1::GroupBy g : breakdowns) {
    if (std::none_of(std::begin(kSources), std::end(kSources),
                     [g](const FigureSource& s) { return FigureHasDimension(s.figure, g); })) {
      return InvalidField("breakdowns",
                          absl::StrCat(cv1::GroupBy_Name(g), " is not a dimension of any figure"));
    }
  }
  // One call per figure, asking its own grouping and every breakdown it has
  // at once (one pass over its records); the calls overlap.
  std::vector<std::future<absl::StatusOr<Rows>>> pending;
  for (const FigureSource& source : kSources) {
    std::vector<cv1::GroupBy> groupings = {source.grouping};
    for (cv1::GroupBy g : breakdowns) {
      if (FigureHasDimension(source.figure, g) && g != source.grouping) groupings.push_back(g);
    }
    pending.push_back(std::async(std::launch::async, [this, &call, &period, source, groupings] {
      return Aggregate(call, period, source.figure, groupings);
    }));
  }
  std::vector<absl::StatusOr<Rows>> answers;
  for (auto& answer : pending) answers.push_back(answer.get());
  for (const auto& answer : answers) {
    if (!answer.ok()) return answer.status();
  }
  auto rows_of = [](const Rows& rows, cv1::GroupBy g) {
    Rows picked;
    for (const cv1::AggregateRow& row : rows) {
      if (row.group_by() == g) *picked.Add() = row;
    }
    return picked;
  };
  Parts parts;
  for (size_t i = 0; i < std::size(kSources); ++i) {
    const FigureSource& source = kSources[i];
    const Rows own = rows_of(*answers[i], source.grouping);
    if (source.grouping == cv1::GROUP_BY_UNSPECIFIED) {
      parts.figures.push_back(Value(source.figure, RowWithKey(own, "total")));
      continue;
    }
    // Project figures come as nested bands: all, ≥ 1亿, ≥ 10亿.
    parts.figures.push_back(Value(source.figure, RowWithKey(own, "all")));
    if (source.figure == rv1::FIGURE_STARTED_PROJECTS) {
      parts.figures.push_back(Value(rv1::FIGURE_STARTED_GE_10YI, RowWithKey(own, "ge_10yi")));
      parts.figures.push_back(Value(rv1::FIGURE_STARTED_GE_1YI, RowWithKey(own, "ge_1yi")));
    }
  }
  std::sort(parts.figures.begin(), parts.figures.end(),
            [](const auto& a, const auto& b) { return a.figure() < b.figure(); });
  for (cv1::GroupBy g : breakdowns) {
    for (size_t i = 0; i < std::size(kSources); ++i) {
      if (!FigureHasDimension(kSources[i].figure, g)) continue;
      rv1::Breakdown* breakdown = parts.breakdowns.Add();
      breakdown->set_group_by(g);
      breakdown->set_figure(kSources[i].figure);
      *breakdown->mutable_rows() = rows_of(*answers[i], g);
    }
  }
  return parts;
}

absl::Status ReportSources::Records(const CallContext& call,
                                    const rv1::ListFigureRecordsRequest& request,
                                    rv1::ListFigureRecordsResponse* out) const {
  const rv1::Figure figure = request.figure();
  switch (figure) {
    case rv1::FIGURE_OUTBOUND_TRIPS:
    case rv1::FIGURE_MERCHANT_VISITS: {
      lv1::ListActivitiesRequest list;
      list.set_kind(figure == rv1::FIGURE_OUTBOUND_TRIPS ? lv1::ACTIVITY_KIND_OUTBOUND_TRIP
                                                         : lv1::ACTIVITY_KIND_MERCHANT_VISIT);
      *list.mutable_start_date_range() = request.period();
      list.set_page_size(request.page_size());
      list.set_page_token(request.page_token());
      lv1::ListActivitiesResponse response;
      ZS_RETURN_IF_ERROR(
          lead_.Call(call, &lv1::LeadService::Stub::ListActivities, list, &response));
      for (const auto& a : response.activities()) {
        rv1::FigureRecord* r = out->add_records();
        r->set_kind("activity");
        r->set_id(a.id());
        r->set_counted(true);
        r->set_title(a.title());
        r->set_date(a.start_date());
        r->set_unit_code(a.unit_code().empty() ? a.office_code() : a.unit_code());
      }
      out->set_next_page_token(response.next_page_token());
      return absl::OkStatus();
    }
    case rv1::FIGURE_LEADS: {
      lv1::ListLeadsRequest list;
      *list.mutable_collected_date_range() = request.period();
      list.set_page_size(request.page_size());
      list.set_page_token(request.page_token());
      lv1::ListLeadsResponse response;
      ZS_RETURN_IF_ERROR(lead_.Call(call, &lv1::LeadService::Stub::ListLeads, list, &response));
      for (const auto& l : response.leads()) {
        rv1::FigureRecord* r = out->add_records();
        r->set_kind("lead");
        r->set_id(l.id());
        r->set_counted(true);
        r->set_title(l.title());
        r->set_date(l.collected_date());
        r->set_investment_wan_yuan(l.estimated_investment_wan_yuan());
        r->set_unit_code(l.unit_code().empty() ? l.office_code() : l.unit_code());
      }
      out->set_next_page_token(response.next_page_token());
      return absl::OkStatus();
    }
    case rv1::FIGURE_FUNDS_IN_PLACE: {
      pv1::ListFundsRequest list;
      *list.mutable_arrival_date_range() = request.period();
      list.set_page_size(request.page_size());
      list.set_page_token(request.page_token());
      pv1::ListFundsResponse response;
      ZS_RETURN_IF_ERROR(
          project_.Call(call, &pv1::ProjectService::Stub::ListFunds, list, &response));
      for (const auto& f : response.funds()) {
        rv1::FigureRecord* r = out->add_records();
        r->set_kind("funds");
        r->set_id(f.id());
        r->set_project_id(f.project_id());
        r->set_counted(true);
        r->set_title(f.project_name());
        r->set_date(f.arrival_date());
        r->set_investment_wan_yuan(f.amount_wan_yuan());
      }
      out->set_next_page_token(response.next_page_token());
      return absl::OkStatus();
    }
    case rv1::FIGURE_UNSPECIFIED:
      return InvalidField("figure", "is required");
    default:
      break;
  }
  // Project figures: the stage changes (or rollovers) that the aggregate counts.
  pv1::ListStageTransitionsRequest list;
  list.set_page_size(request.page_size());
  list.set_page_token(request.page_token());
  *list.mutable_effective_date_range() = request.period();
  list.set_kind(pv1::StageTransition::KIND_STAGE_CHANGE);
  list.set_to_stage(pv1::STAGE_STARTED);
  if (figure == rv1::FIGURE_SIGNED_PROJECTS) {
    list.set_to_stage(pv1::STAGE_SIGNED);
    list.set_with_capital_increases(true);  // the figure's money adds them
  }
  if (figure == rv1::FIGURE_STARTED_GE_1YI) list.set_min_investment_wan_yuan(kOneYiWanYuan);
  if (figure == rv1::FIGURE_STARTED_GE_10YI) {
    list.set_min_investment_wan_yuan(kTenYiWanYuan);
  }
  if (figure == rv1::FIGURE_CONTINUING_PROJECTS) {
    // The projects AggregateContinuing counts, dated by their start.
    if (!HasBegun(request.period(), TodayInChina())) return absl::OkStatus();
    pv1::ListProjectsRequest projects;
    projects.set_page_size(request.page_size());
    projects.set_page_token(request.page_token());
    projects.set_continuing_in_year(std::stoi(request.period().start_date().substr(0, 4)));
    pv1::ListProjectsResponse response;
    ZS_RETURN_IF_ERROR(
        project_.Call(call, &pv1::ProjectService::Stub::ListProjects, projects, &response));
    for (const auto& p : response.projects()) {
      rv1::FigureRecord* r = out->add_records();
      r->set_kind("project");
      r->set_id(p.id());
      r->set_project_id(p.id());
      r->set_counted(true);
      r->set_title(p.name());
      r->set_date(p.started_date());
      r->set_investment_wan_yuan(p.total_investment_wan_yuan());
      r->set_unit_code(p.unit_code());
    }
    out->set_next_page_token(response.next_page_token());
    return absl::OkStatus();
  }
  pv1::ListStageTransitionsResponse response;
  ZS_RETURN_IF_ERROR(
      project_.Call(call, &pv1::ProjectService::Stub::ListStageTransitions, list, &response));
  for (const auto& t : response.transitions()) {
    rv1::FigureRecord* r = out->add_records();
    const bool increase = t.kind() == pv1::StageTransition::KIND_CAPITAL_INCREASE;
    r->set_kind(increase ? "capital_increase" : "project");
    r->set_id(increase ? t.id() : t.project_id());
    r->set_project_id(t.project_id());
    r->set_counted(!increase);
    r->set_title(t.project_name());
    r->set_date(t.effective_date());
    r->set_investment_wan_yuan(increase ? t.increment_wan_yuan() : t.investment_wan_yuan());
    r->set_unit_code(t.unit_code());
  }
  out->set_next_page_token(response.next_page_token());
  return absl::OkStatus();
}

}  // namespace zs::reporting

#include "services/supervision/progress.h"

#include "common/errors.h"
#include "common/outbound.h"
#include "services/supervision/supervision_rules.h"

namespace zs::supervision {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;
namespace pv1 = ::zhaoshang::project::v1;

void Add(const google::protobuf::RepeatedPtrField<cv1::AggregateRow>& rows, int count_metric,
         int money_metric, Actuals* actuals) {
  for (const cv1::AggregateRow& row : rows) {
    if (row.key() == "none") continue;
    (*actuals)[row.key()][count_metric] += row.count();
    if (money_metric != 0) (*actuals)[row.key()][money_metric] += row.investment_wan_yuan();
  }
}

}  // namespace

ProgressSources::ProgressSources(std::shared_ptr<grpc::Channel> lead,
                                 std::shared_ptr<grpc::Channel> project, absl::Duration timeout)
    : lead_("lead", std::move(lead), timeout), project_("project", std::move(project), timeout) {}

absl::StatusOr<Actuals> ProgressSources::Fetch(const CallContext& call,
                                               const cv1::DateRange& period) const {
  Actuals actuals;
  // Units and offices both collect activities and leads; each is its own row.
  for (cv1::GroupBy by : {cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE}) {
    for (auto [kind, metric] :
         {std::pair{lv1::ACTIVITY_KIND_OUTBOUND_TRIP, v1::METRIC_OUTBOUND_TRIPS},
          std::pair{lv1::ACTIVITY_KIND_MERCHANT_VISIT, v1::METRIC_MERCHANT_VISITS}}) {
      lv1::AggregateActivitiesRequest request;
      *request.mutable_start_date_range() = period;
      request.set_kind(kind);
      request.set_group_by(by);
      lv1::AggregateActivitiesResponse response;
      ZS_RETURN_IF_ERROR(
          lead_.Call(call, &lv1::LeadService::Stub::AggregateActivities, request, &response));
      Add(response.rows(), metric, 0, &actuals);
    }
    lv1::AggregateLeadsRequest request;
    *request.mutable_collected_date_range() = period;
    request.set_group_by(by);
    lv1::AggregateLeadsResponse response;
    ZS_RETURN_IF_ERROR(
        lead_.Call(call, &lv1::LeadService::Stub::AggregateLeads, request, &response));
    Add(response.rows(), v1::METRIC_LEADS, 0, &actuals);
  }
  for (auto [stage, count, money] : {std::tuple{pv1::STAGE_SIGNED, v1::METRIC_SIGNED_PROJECTS,
                                                v1::METRIC_SIGNED_INVESTMENT_WAN_YUAN},
                                     std::tuple{pv1::STAGE_STARTED, v1::METRIC_STARTED_PROJECTS,
                                                v1::METRIC_STARTED_INVESTMENT_WAN_YUAN}}) {
    pv1::AggregateTransitionsRequest request;
    *request.mutable_effective_date_range() = period;
    request.set_to_stage(stage);
    request.set_group_by(cv1::GROUP_BY_UNIT);
    pv1::AggregateTransitionsResponse response;
    ZS_RETURN_IF_ERROR(
        project_.Call(call, &pv1::ProjectService::Stub::AggregateTransitions, request, &response));
    Add(response.rows(), count, money, &actuals);
  }
  return actuals;
}

absl::StatusOr<std::vector<pv1::EnterpriseRequest>> ProgressSources::OverdueRequests(
    const CallContext& call) const {
  std::vector<pv1::EnterpriseRequest> overdue;
  pv1::ListEnterpriseRequestsRequest request;
  request.set_overdue_only(true);
  request.set_page_size(500);
  do {
    pv1::ListEnterpriseRequestsResponse response;
    ZS_RETURN_IF_ERROR(project_.Call(call, &pv1::ProjectService::Stub::ListEnterpriseRequests,
                                     request, &response));
    for (auto& r : *response.mutable_enterprise_requests()) overdue.push_back(std::move(r));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && overdue.size() < 5000);
  return overdue;
}

absl::StatusOr<std::vector<pv1::Project>> ProgressSources::StaleProjects(const CallContext& call,
                                                                         int days) const {
  std::vector<pv1::Project> stale;
  pv1::ListProjectsRequest request;
  request.set_stale_ledger_days(days);
  request.set_page_size(500);
  do {
    pv1::ListProjectsResponse response;
    ZS_RETURN_IF_ERROR(
        project_.Call(call, &pv1::ProjectService::Stub::ListProjects, request, &response));
    for (auto& p : *response.mutable_projects()) stale.push_back(std::move(p));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty() && stale.size() < 5000);
  return stale;
}

std::vector<v1::UnitProgress> ComputeProgress(const cv1::DateRange& period,
                                              const ProgressInputs& inputs,
                                              const Actuals& actuals) {
  std::vector<v1::UnitProgress> units;
  for (const v1::Unit& unit : inputs.units) {
    v1::UnitProgress& progress = units.emplace_back();
    progress.set_unit_code(unit.code());
    progress.set_unit_name(unit.name());
    auto targets = inputs.yearly_targets.find(unit.code());
    auto actual = actuals.find(unit.code());
    for (int metric = v1::METRIC_OUTBOUND_TRIPS; metric <= v1::METRIC_STARTED_INVESTMENT_WAN_YUAN;
         ++metric) {
      v1::MetricProgress* m = progress.add_metrics();
      m->set_metric(static_cast<v1::Metric>(metric));
      if (targets != inputs.yearly_targets.end() && targets->second.contains(metric)) {
        m->set_yearly_target(targets->second.at(metric));
        m->set_target(ProRatedTarget(m->yearly_target(), period));
      }
      if (actual != actuals.end() && actual->second.contains(metric)) {
        m->set_actual(actual->second.at(metric));
      }
    }
    auto sanctions = inputs.sanctions.find(unit.code());
    if (sanctions != inputs.sanctions.end()) {
      progress.set_penalty_points(sanctions->second.first);
      progress.set_reward_points(sanctions->second.second);
    }
  }
  ScoreAndRank(inputs.rules, &units);
  return units;
}

}  // namespace zs::supervision

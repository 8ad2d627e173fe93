#include "services/supervision/supervision_service.h"

#include <google/protobuf/util/time_util.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/idempotency.h"
#include "common/security/audit.h"
#include "common/security/scope.h"
#include "common/validation.h"
#include "services/supervision/bulletin_text.h"
#include "services/supervision/supervision_access.h"
#include "services/supervision/supervision_rules.h"

namespace zs::supervision {

using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

SupervisionServiceImpl::SupervisionServiceImpl(WorkerPool& pool, const ProgressSources& sources,
                                               absl::Duration max_call_time,
                                               const Gatekeeper& gatekeeper)
    : executor_(pool, max_call_time, gatekeeper, AccessPolicy::Of<v1::SupervisionService>()),
      sources_(sources) {}

ServerUnaryReactor* SupervisionServiceImpl::ListUnits(CallbackServerContext* context,
                                                      const v1::ListUnitsRequest* request,
                                                      v1::ListUnitsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return directory_.ListUnits(tx, *request, response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::GetUnit(CallbackServerContext* context,
                                                    const v1::GetUnitRequest* request,
                                                    v1::Unit* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return directory_.GetUnit(tx, request->code(), response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::CreateUnit(CallbackServerContext* context,
                                                       const v1::CreateUnitRequest* request,
                                                       v1::Unit* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return directory_.CreateUnit(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::UpdateUnit(CallbackServerContext* context,
                                                       const v1::UpdateUnitRequest* request,
                                                       v1::Unit* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return directory_.UpdateUnit(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::ListLeaders(CallbackServerContext* context,
                                                        const v1::ListLeadersRequest* request,
                                                        v1::ListLeadersResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return directory_.ListLeaders(tx, response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::CreateLeader(CallbackServerContext* context,
                                                         const v1::CreateLeaderRequest* request,
                                                         v1::Leader* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return directory_.CreateLeader(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::ListTargetCategories(
    CallbackServerContext* context, const v1::ListTargetCategoriesRequest* request,
    v1::ListTargetCategoriesResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return plans_.ListCategories(tx, request->year(), response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::UpsertTargetCategory(
    CallbackServerContext* context, const v1::UpsertTargetCategoryRequest* request,
    v1::TargetCategory* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return plans_.UpsertCategory(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::SetUnitTargets(CallbackServerContext* context,
                                                           const v1::SetUnitTargetsRequest* request,
                                                           v1::UnitTargets* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return plans_.SetUnitTargets(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::GetUnitTargets(CallbackServerContext* context,
                                                           const v1::GetUnitTargetsRequest* request,
                                                           v1::UnitTargets* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireOwnRecordIfScoped(call.principal, request->unit_code()));
        return plans_.GetUnitTargets(tx, request->unit_code(), request->year(), response);
      });
}

ServerUnaryReactor* SupervisionServiceImpl::GetSnapshot(CallbackServerContext* context,
                                                        const v1::GetSnapshotRequest* request,
                                                        v1::Snapshot* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return records_.GetSnapshot(tx, request->id(), response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::ListSnapshots(CallbackServerContext* context,
                                                          const v1::ListSnapshotsRequest* request,
                                                          v1::ListSnapshotsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return records_.ListSnapshots(tx, *request, response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::CreateTask(CallbackServerContext* context,
                                                       const v1::CreateTaskRequest* request,
                                                       v1::Task* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return records_.CreateTask(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::GetTask(CallbackServerContext* context,
                                                    const v1::GetTaskRequest* request,
                                                    v1::Task* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          ZS_RETURN_IF_ERROR(RequireOwnTask(tx, call.principal, request->id()));
                          return records_.GetTask(tx, request->id(), response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::ListTasks(CallbackServerContext* context,
                                                      const v1::ListTasksRequest* request,
                                                      v1::ListTasksResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        ZS_RETURN_IF_ERROR(ScopeOwnerFilter(call.principal, scoped.mutable_unit_code()));
        return records_.ListTasks(tx, scoped, response);
      });
}

ServerUnaryReactor* SupervisionServiceImpl::CompleteTask(CallbackServerContext* context,
                                                         const v1::CompleteTaskRequest* request,
                                                         v1::Task* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireOwnTask(tx, call.principal, request->id()));
                            return records_.CompleteTask(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::SetScoringRules(
    CallbackServerContext* context, const v1::SetScoringRulesRequest* request,
    v1::ScoringRules* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return plans_.SetRules(tx, *request, response);
                          });
}

ServerUnaryReactor* SupervisionServiceImpl::ListBulletins(CallbackServerContext* context,
                                                          const v1::ListBulletinsRequest* request,
                                                          v1::ListBulletinsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return records_.ListBulletins(tx, *request, response);
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::ListSanctions(CallbackServerContext* context,
                                                          const v1::ListSanctionsRequest* request,
                                                          v1::ListSanctionsResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        ZS_RETURN_IF_ERROR(ScopeOwnerFilter(call.principal, scoped.mutable_unit_code()));
        return plans_.ListSanctions(tx, scoped, response);
      });
}

absl::StatusOr<std::vector<v1::UnitProgress>> SupervisionServiceImpl::Progress(
    const CallContext& call, ConnectionSlot& slot, const cv1::DateRange& period,
    std::string* rule_version) {
  ZS_ASSIGN_OR_RETURN(Actuals actuals, sources_.Fetch(call, period));
  const int year = std::stoi(period.start_date().substr(0, 4));
  ProgressInputs inputs;
  ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    inputs.units = directory_.ActiveUnits(tx);
    inputs.yearly_targets = plans_.EffectiveTargets(tx, year);
    inputs.rules = plans_.Rules(tx, year);
    inputs.sanctions =
        plans_.SanctionPoints(tx, period.start_date(), period.end_date(), inputs.rules);
    return absl::OkStatus();
  }));
  if (rule_version != nullptr) {
    *rule_version =
        absl::StrCat(year, "/", inputs.rules.etag().empty() ? "default" : inputs.rules.etag());
  }
  return ComputeProgress(period, inputs, actuals);
}

ServerUnaryReactor* SupervisionServiceImpl::GetProgress(CallbackServerContext* context,
                                                        const v1::GetProgressRequest* request,
                                                        v1::Progress* response) {
  return executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        ZS_RETURN_IF_ERROR(ValidateProgressPeriod(request->period()));
        ZS_ASSIGN_OR_RETURN(std::vector<v1::UnitProgress> units,
                            Progress(call, slot, request->period(), nullptr));
        *response->mutable_period() = request->period();
        for (v1::UnitProgress& unit : units) {
          if (request->unit_code().empty() || unit.unit_code() == request->unit_code()) {
            *response->add_units() = std::move(unit);
          }
        }
        if (!request->unit_code().empty() && response->units().empty()) {
          return absl::NotFoundError(
              absl::StrCat("unit '", request->unit_code(), "' is not an active unit"));
        }
        return absl::OkStatus();
      });
}

ServerUnaryReactor* SupervisionServiceImpl::Publish(CallbackServerContext* context,
                                                    const google::protobuf::Message& request,
                                                    v1::Snapshot::Kind kind,
                                                    absl::StatusOr<cv1::DateRange> period,
                                                    v1::Snapshot* response) {
  return executor_.Run(
      context, request,
      [=, this, &request](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        const std::string request_id = request.GetReflection()->GetString(
            request, request.GetDescriptor()->FindFieldByName("request_id"));
        ZS_RETURN_IF_ERROR(ValidateRequestId(request_id));
        if (!period.ok()) return period.status();
        ZS_RETURN_IF_ERROR(CheckPeriodEnded(*period, TodayInChinaString()));
        // Published once: any later call, whatever its request id, gets the
        // snapshot that stands, computed from the data of its day.
        bool published = false;
        ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          std::optional<v1::Snapshot> existing =
              records_.FindSnapshot(tx, kind, period->start_date());
          published = existing.has_value();
          if (published) *response = *std::move(existing);
          return absl::OkStatus();
        }));
        if (published) return absl::OkStatus();
        v1::Snapshot snapshot;
        snapshot.set_kind(kind);
        *snapshot.mutable_period() = *period;
        ZS_ASSIGN_OR_RETURN(std::vector<v1::UnitProgress> units,
                            Progress(call, slot, *period, snapshot.mutable_rule_version()));
        for (v1::UnitProgress& unit : units) *snapshot.add_units() = std::move(unit);
        snapshot.set_published_by(call.principal.id);
        *snapshot.mutable_publish_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
        return RunIdempotentTransaction(slot, call.deadline,
                                        IdempotencyOf(call, request_id, request), response,
                                        [&](pqxx::transaction_base& tx) {
                                          records_.PublishSnapshot(tx, snapshot, response);
                                          return absl::OkStatus();
                                        });
      });
}

ServerUnaryReactor* SupervisionServiceImpl::PublishWeeklySummary(
    CallbackServerContext* context, const v1::PublishWeeklySummaryRequest* request,
    v1::Snapshot* response) {
  absl::StatusOr<cv1::DateRange> week = SummaryWeek(request->week_start_date());
  return Publish(context, *request, v1::Snapshot::KIND_WEEKLY_SUMMARY, std::move(week), response);
}

ServerUnaryReactor* SupervisionServiceImpl::PublishMonthlyRanking(
    CallbackServerContext* context, const v1::PublishMonthlyRankingRequest* request,
    v1::Snapshot* response) {
  absl::StatusOr<cv1::DateRange> month = RankingMonth(request->month());
  return Publish(context, *request, v1::Snapshot::KIND_MONTHLY_RANKING, std::move(month), response);
}

ServerUnaryReactor* SupervisionServiceImpl::GenerateBulletin(
    CallbackServerContext* context, const v1::GenerateBulletinRequest* request,
    v1::Bulletin* response) {
  return executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        ZS_RETURN_IF_ERROR(ValidateRequestId(request->request_id()));
        ZS_RETURN_IF_ERROR(ValidateProgressPeriod(request->period()));
        ZS_ASSIGN_OR_RETURN(int stale_days, StaleLedgerDays(request->stale_ledger_days()));
        ZS_ASSIGN_OR_RETURN(std::vector<v1::UnitProgress> units,
                            Progress(call, slot, request->period(), nullptr));
        ZS_ASSIGN_OR_RETURN(std::vector<zhaoshang::project::v1::EnterpriseRequest> overdue,
                            sources_.OverdueRequests(call));
        BulletinFindings findings{.stale_days = stale_days};
        ZS_ASSIGN_OR_RETURN(std::vector<zhaoshang::project::v1::Project> stale,
                            sources_.StaleProjects(call, findings.stale_days));
        findings.overdue_requests = std::move(overdue);
        findings.stale_projects = std::move(stale);
        v1::Bulletin bulletin = ComposeBulletin(request->period(), units, findings);
        *bulletin.mutable_publish_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
        return RunIdempotentTransaction(slot, call.deadline,
                                        IdempotencyOf(call, request->request_id(), *request),
                                        response, [&](pqxx::transaction_base& tx) {
                                          records_.StoreBulletin(tx, bulletin, response);
                                          return absl::OkStatus();
                                        });
      });
}

ServerUnaryReactor* SupervisionServiceImpl::CreateBulletin(CallbackServerContext* context,
                                                           const v1::CreateBulletinRequest* request,
                                                           v1::Bulletin* response) {
  return executor_.Mutate(
      context, *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) -> absl::Status {
        v1::Bulletin bulletin = request->bulletin();
        ZS_RETURN_IF_ERROR(ValidateRequiredText("bulletin.title", bulletin.title(), 200));
        ZS_RETURN_IF_ERROR(ValidateRequiredText("bulletin.text", bulletin.text(), 20000));
        *bulletin.mutable_publish_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
        records_.StoreBulletin(tx, std::move(bulletin), response);
        return absl::OkStatus();
      });
}

ServerUnaryReactor* SupervisionServiceImpl::GetScoringRules(
    CallbackServerContext* context, const v1::GetScoringRulesRequest* request,
    v1::ScoringRules* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) -> absl::Status {
                          ZS_RETURN_IF_ERROR(ValidateYear("year", request->year()));
                          *response = plans_.Rules(tx, request->year());
                          return absl::OkStatus();
                        });
}

ServerUnaryReactor* SupervisionServiceImpl::RecordSanction(CallbackServerContext* context,
                                                           const v1::RecordSanctionRequest* request,
                                                           v1::Sanction* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        const std::string date = request->sanction().decided_date().empty()
                                     ? TodayInChinaString()
                                     : request->sanction().decided_date();
        const int year = date.size() >= 4 ? std::atoi(date.substr(0, 4).c_str()) : 0;
        return plans_.RecordSanction(tx, *request, plans_.Rules(tx, year), response);
      });
}

ServerUnaryReactor* SupervisionServiceImpl::ListAuditEvents(
    CallbackServerContext* context, const cv1::ListAuditEventsRequest* request,
    cv1::ListAuditEventsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=](pqxx::transaction_base& tx, const CallContext&) {
                          return zs::ListAuditEvents(tx, *request, response);
                        });
}

}  // namespace zs::supervision

// The SupervisionService RPCs. Directory, targets, tasks and records are
// plain store calls; progress, summaries, rankings and generated bulletins
// first fetch the actual figures from the lead and project services (outside
// any transaction), then score them against the targets and rules.
#pragma once

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/rpc.h"
#include "services/supervision/directory_store.h"
#include "services/supervision/plan_store.h"
#include "services/supervision/progress.h"
#include "services/supervision/record_store.h"
#include "zhaoshang/supervision/v1/supervision_service.grpc.pb.h"

namespace zs::supervision {

class SupervisionServiceImpl final : public v1::SupervisionService::CallbackService {
 public:
  SupervisionServiceImpl(WorkerPool& pool, const ProgressSources& sources,
                         absl::Duration max_call_time, const Gatekeeper& gatekeeper);

  grpc::ServerUnaryReactor* GetScoringRules(grpc::CallbackServerContext* context,
                                            const v1::GetScoringRulesRequest* request,
                                            v1::ScoringRules* response) override;
  grpc::ServerUnaryReactor* RecordSanction(grpc::CallbackServerContext* context,
                                           const v1::RecordSanctionRequest* request,
                                           v1::Sanction* response) override;
  grpc::ServerUnaryReactor* CreateBulletin(grpc::CallbackServerContext* context,
                                           const v1::CreateBulletinRequest* request,
                                           v1::Bulletin* response) override;
  grpc::ServerUnaryReactor* GetProgress(grpc::CallbackServerContext* context,
                                        const v1::GetProgressRequest* request,
                                        v1::Progress* response) override;
  grpc::ServerUnaryReactor* PublishWeeklySummary(grpc::CallbackServerContext* context,
                                                 const v1::PublishWeeklySummaryRequest* request,
                                                 v1::Snapshot* response) override;
  grpc::ServerUnaryReactor* PublishMonthlyRanking(grpc::CallbackServerContext* context,
                                                  const v1::PublishMonthlyRankingRequest* request,
                                                  v1::Snapshot* response) override;
  grpc::ServerUnaryReactor* GenerateBulletin(grpc::CallbackServerContext* context,
                                             const v1::GenerateBulletinRequest* request,
                                             v1::Bulletin* response) override;
  grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* context,
                                      const v1::ListUnitsRequest* request,
                                      v1::ListUnitsResponse* response) override;
  grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* context,
                                    const v1::GetUnitRequest* request, v1::Unit* response) override;
  grpc::ServerUnaryReactor* CreateUnit(grpc::CallbackServerContext* context,
                                       const v1::CreateUnitRequest* request,
                                       v1::Unit* response) override;
  grpc::ServerUnaryReactor* UpdateUnit(grpc::CallbackServerContext* context,
                                       const v1::UpdateUnitRequest* request,
                                       v1::Unit* response) override;
  grpc::ServerUnaryReactor* ListLeaders(grpc::CallbackServerContext* context,
                                        const v1::ListLeadersRequest* request,
                                        v1::ListLeadersResponse* response) override;
  grpc::ServerUnaryReactor* CreateLeader(grpc::CallbackServerContext* context,
                                         const v1::CreateLeaderRequest* request,
                                         v1::Leader* response) override;
  grpc::ServerUnaryReactor* ListTargetCategories(
      grpc::CallbackServerContext* context, const v1::ListTargetCategoriesRequest* request,
      v1::ListTargetCategoriesResponse* response) override;
  grpc::ServerUnaryReactor* UpsertTargetCategory(grpc::CallbackServerContext* context,
                                                 const v1::UpsertTargetCategoryRequest* request,
                                                 v1::TargetCategory* response) override;
  grpc::ServerUnaryReactor* SetUnitTargets(grpc::CallbackServerContext* context,
                                           const v1::SetUnitTargetsRequest* request,
                                           v1::UnitTargets* response) override;
  grpc::ServerUnaryReactor* GetUnitTargets(grpc::CallbackServerContext* context,
                                           const v1::GetUnitTargetsRequest* request,
                                           v1::UnitTargets* response) override;
  grpc::ServerUnaryReactor* GetSnapshot(grpc::CallbackServerContext* context,
                                        const v1::GetSnapshotRequest* request,
                                        v1::Snapshot* response) override;
  grpc::ServerUnaryReactor* ListSnapshots(grpc::CallbackServerContext* context,
                                          const v1::ListSnapshotsRequest* request,
                                          v1::ListSnapshotsResponse* response) override;
  grpc::ServerUnaryReactor* CreateTask(grpc::CallbackServerContext* context,
                                       const v1::CreateTaskRequest* request,
                                       v1::Task* response) override;
  grpc::ServerUnaryReactor* GetTask(grpc::CallbackServerContext* context,
                                    const v1::GetTaskRequest* request, v1::Task* response) override;
  grpc::ServerUnaryReactor* ListTasks(grpc::CallbackServerContext* context,
                                      const v1::ListTasksRequest* request,
                                      v1::ListTasksResponse* response) override;
  grpc::ServerUnaryReactor* CompleteTask(grpc::CallbackServerContext* context,
                                         const v1::CompleteTaskRequest* request,
                                         v1::Task* response) override;
  grpc::ServerUnaryReactor* SetScoringRules(grpc::CallbackServerContext* context,
                                            const v1::SetScoringRulesRequest* request,
                                            v1::ScoringRules* response) override;
  grpc::ServerUnaryReactor* ListBulletins(grpc::CallbackServerContext* context,
                                          const v1::ListBulletinsRequest* request,
                                          v1::ListBulletinsResponse* response) override;
  grpc::ServerUnaryReactor* ListSanctions(grpc::CallbackServerContext* context,
                                          const v1::ListSanctionsRequest* request,
                                          v1::ListSanctionsResponse* response) override;

  grpc::ServerUnaryReactor* ListAuditEvents(grpc::CallbackServerContext* context,
                                            const cv1::ListAuditEventsRequest* request,
                                            cv1::ListAuditEventsResponse* response) override;

 private:
  // Progress of every active unit for `period`, scored and ranked.
  absl::StatusOr<std::vector<v1::UnitProgress>> Progress(const CallContext& call,
                                                         ConnectionSlot& slot,
                                                         const cv1::DateRange& period,
                                                         std::string* rule_version);
  // Publishes the snapshot of `kind` for `period` once; later calls get it back.
  grpc::ServerUnaryReactor* Publish(grpc::CallbackServerContext* context,
                                    const google::protobuf::Message& request,
                                    v1::Snapshot::Kind kind, absl::StatusOr<cv1::DateRange> period,
                                    v1::Snapshot* response);

  RpcExecutor executor_;
  const ProgressSources& sources_;
  DirectoryStore directory_;
  PlanStore plans_;
  RecordStore records_;
};

}  // namespace zs::supervision

// The ProjectService RPCs. Most translate the call onto a store method
// through the RpcExecutor; those that need the lead service (checking an
// enterprise; converting a lead, lead_conversion.h) call it outside any
// database transaction.
#pragma once

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "services/project/aggregate_store.h"
#include "services/project/lead_client.h"
#include "services/project/lead_conversion.h"
#include "services/project/ledger_store.h"
#include "services/project/project_store.h"
#include "services/project/request_store.h"
#include "zhaoshang/project/v1/project_service.grpc.pb.h"

namespace zs::project {

class ProjectServiceImpl final : public v1::ProjectService::CallbackService {
 public:
  // Aggregates run on `report_pool`, everything else on `pool`.
  // `aggregates`: where they are computed (the rollups; the records only
  // when told to).
  ProjectServiceImpl(WorkerPool& pool, WorkerPool& report_pool, const Directory& directory,
                     const LeadClient& leads, absl::Duration max_call_time,
                     const Gatekeeper& gatekeeper,
                     AggregateStore::Source aggregates = AggregateStore::Source::kRollups);

  grpc::ServerUnaryReactor* CreateProject(grpc::CallbackServerContext* context,
                                          const v1::CreateProjectRequest* request,
                                          v1::Project* response) override;
  grpc::ServerUnaryReactor* ConvertLeadToProject(grpc::CallbackServerContext* context,
                                                 const v1::ConvertLeadToProjectRequest* request,
                                                 v1::Project* response) override;
  grpc::ServerUnaryReactor* ChangeInvestor(grpc::CallbackServerContext* context,
                                           const v1::ChangeInvestorRequest* request,
                                           v1::Project* response) override;
  grpc::ServerUnaryReactor* RepairLeadConversions(
      grpc::CallbackServerContext* context, const v1::RepairLeadConversionsRequest* request,
      v1::RepairLeadConversionsResponse* response) override;
  grpc::ServerUnaryReactor* GetProject(grpc::CallbackServerContext* context,
                                       const v1::GetProjectRequest* request,
                                       v1::Project* response) override;
  grpc::ServerUnaryReactor* ListProjects(grpc::CallbackServerContext* context,
                                         const v1::ListProjectsRequest* request,
                                         v1::ListProjectsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateProject(grpc::CallbackServerContext* context,
                                          const v1::UpdateProjectRequest* request,
                                          v1::Project* response) override;
  grpc::ServerUnaryReactor* HandOverProject(grpc::CallbackServerContext* context,
                                            const v1::HandOverProjectRequest* request,
                                            v1::Project* response) override;
  grpc::ServerUnaryReactor* StartNegotiation(grpc::CallbackServerContext* context,
                                             const v1::StartNegotiationRequest* request,
                                             v1::Project* response) override;
  grpc::ServerUnaryReactor* SignProject(grpc::CallbackServerContext* context,
                                        const v1::SignProjectRequest* request,
                                        v1::Project* response) override;
  grpc::ServerUnaryReactor* ScheduleStart(grpc::CallbackServerContext* context,
                                          const v1::ScheduleStartRequest* request,
                                          v1::Project* response) override;
  grpc::ServerUnaryReactor* StartProject(grpc::CallbackServerContext* context,
                                         const v1::StartProjectRequest* request,
                                         v1::Project* response) override;
  grpc::ServerUnaryReactor* CompleteProject(grpc::CallbackServerContext* context,
                                            const v1::CompleteProjectRequest* request,
                                            v1::Project* response) override;
  grpc::ServerUnaryReactor* DropProject(grpc::CallbackServerContext* context,
                                        const v1::DropProjectRequest* request,
                                        v1::Project* response) override;
  grpc::ServerUnaryReactor* RollOverYear(grpc::CallbackServerContext* context,
                                         const v1::RollOverYearRequest* request,
                                         v1::RollOverYearResponse* response) override;
  grpc::ServerUnaryReactor* MoveEnterpriseProjects(
      grpc::CallbackServerContext* context, const v1::MoveEnterpriseProjectsRequest* request,
      v1::MoveEnterpriseProjectsResponse* response) override;
  grpc::ServerUnaryReactor* ListStageTransitions(
      grpc::CallbackServerContext* context, const v1::ListStageTransitionsRequest* request,
      v1::ListStageTransitionsResponse* response) override;
  grpc::ServerUnaryReactor* RecordCapitalIncrease(grpc::CallbackServerContext* context,
                                                  const v1::RecordCapitalIncreaseRequest* request,
                                                  v1::Project* response) override;
  grpc::ServerUnaryReactor* RecordResigning(grpc::CallbackServerContext* context,
                                            const v1::RecordResigningRequest* request,
                                            v1::Project* response) override;
  grpc::ServerUnaryReactor* AddLedgerEntry(grpc::CallbackServerContext* context,
                                           const v1::AddLedgerEntryRequest* request,
                                           v1::LedgerEntry* response) override;
  grpc::ServerUnaryReactor* ListLedgerEntries(grpc::CallbackServerContext* context,
                                              const v1::ListLedgerEntriesRequest* request,
                                              v1::ListLedgerEntriesResponse* response) override;
  grpc::ServerUnaryReactor* RecordFunds(grpc::CallbackServerContext* context,
                                        const v1::RecordFundsRequest* request,
                                        v1::FundsRecord* response) override;
  grpc::ServerUnaryReactor* ListFunds(grpc::CallbackServerContext* context,
                                      const v1::ListFundsRequest* request,
                                      v1::ListFundsResponse* response) override;
  grpc::ServerUnaryReactor* CreateEnterpriseRequest(
      grpc::CallbackServerContext* context, const v1::CreateEnterpriseRequestRequest* request,
      v1::EnterpriseRequest* response) override;
  grpc::ServerUnaryReactor* GetEnterpriseRequest(grpc::CallbackServerContext* context,
                                                 const v1::GetEnterpriseRequestRequest* request,
                                                 v1::EnterpriseRequest* response) override;
  grpc::ServerUnaryReactor* ListEnterpriseRequests(
      grpc::CallbackServerContext* context, const v1::ListEnterpriseRequestsRequest* request,
      v1::ListEnterpriseRequestsResponse* response) override;
  grpc::ServerUnaryReactor* StartEnterpriseRequest(grpc::CallbackServerContext* context,
                                                   const v1::StartEnterpriseRequestRequest* request,
                                                   v1::EnterpriseRequest* response) override;
  grpc::ServerUnaryReactor* SettleEnterpriseRequest(
      grpc::CallbackServerContext* context, const v1::SettleEnterpriseRequestRequest* request,
      v1::EnterpriseRequest* response) override;
  grpc::ServerUnaryReactor* RejectEnterpriseRequest(
      grpc::CallbackServerContext* context, const v1::RejectEnterpriseRequestRequest* request,
      v1::EnterpriseRequest* response) override;
  grpc::ServerUnaryReactor* SetHolidays(grpc::CallbackServerContext* context,
                                        const v1::SetHolidaysRequest* request,
                                        v1::SetHolidaysResponse* response) override;
  grpc::ServerUnaryReactor* AggregateTransitions(
      grpc::CallbackServerContext* context, const v1::AggregateTransitionsRequest* request,
      v1::AggregateTransitionsResponse* response) override;
  grpc::ServerUnaryReactor* AggregateFunds(grpc::CallbackServerContext* context,
                                           const v1::AggregateFundsRequest* request,
                                           v1::AggregateFundsResponse* response) override;
  grpc::ServerUnaryReactor* AggregateContinuing(grpc::CallbackServerContext* context,
                                                const v1::AggregateContinuingRequest* request,
                                                v1::AggregateContinuingResponse* response) override;

  grpc::ServerUnaryReactor* ListAuditEvents(
      grpc::CallbackServerContext* context,
      const zhaoshang::common::v1::ListAuditEventsRequest* request,
      zhaoshang::common::v1::ListAuditEventsResponse* response) override;

 private:
  // Checks that `enterprise_id` names an enterprise in use on the lead service.
  absl::Status CheckEnterprise(const CallContext& call, absl::string_view field,
                               int64_t enterprise_id) const;

  RpcExecutor executor_;
  RpcExecutor report_executor_;
  const LeadClient& leads_;
  ProjectStore projects_;
  LedgerStore ledger_;
  RequestStore requests_;
  AggregateStore aggregates_;
  LeadConversion conversion_;  // after projects_, which it uses
};

}  // namespace zs::project

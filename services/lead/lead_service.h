// The LeadService RPCs: each one only translates the call onto a store
// method, through the RpcExecutor (worker pool, transaction, idempotency,
// error details, call log).
#pragma once

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "services/lead/activity_store.h"
#include "services/lead/aggregate_store.h"
#include "services/lead/enterprise_store.h"
#include "services/lead/importer.h"
#include "services/lead/lead_store.h"
#include "services/lead/merge_store.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::lead {

class LeadServiceImpl final : public v1::LeadService::CallbackService {
 public:
  // Aggregates run on `report_pool`, everything else on `pool`.
  // `projects` (the project service) follows enterprise merges; null only
  // for a lead service tested without one. `aggregates`: where aggregates
  // are computed (the rollups; the records only when told to).
  LeadServiceImpl(WorkerPool& pool, WorkerPool& report_pool, const Directory& directory,
                  absl::Duration max_call_time, const Gatekeeper& gatekeeper,
                  const ProjectClient* projects = nullptr,
                  AggregateStore::Source aggregates = AggregateStore::Source::kRollups);
  grpc::ServerUnaryReactor* CreateEnterprise(grpc::CallbackServerContext* context,
                                             const v1::CreateEnterpriseRequest* request,
                                             v1::Enterprise* response) override;
  grpc::ServerUnaryReactor* GetEnterprise(grpc::CallbackServerContext* context,
                                          const v1::GetEnterpriseRequest* request,
                                          v1::Enterprise* response) override;
  grpc::ServerUnaryReactor* ListEnterprises(grpc::CallbackServerContext* context,
                                            const v1::ListEnterprisesRequest* request,
                                            v1::ListEnterprisesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateEnterprise(grpc::CallbackServerContext* context,
                                             const v1::UpdateEnterpriseRequest* request,
                                             v1::Enterprise* response) override;
  grpc::ServerUnaryReactor* FindDuplicateEnterprises(
      grpc::CallbackServerContext* context, const v1::FindDuplicateEnterprisesRequest* request,
      v1::FindDuplicateEnterprisesResponse* response) override;
  grpc::ServerUnaryReactor* MergeEnterprises(grpc::CallbackServerContext* context,
                                             const v1::MergeEnterprisesRequest* request,
                                             v1::Merge* response) override;
  grpc::ServerUnaryReactor* CreateReferrer(grpc::CallbackServerContext* context,
                                           const v1::CreateReferrerRequest* request,
                                           v1::Referrer* response) override;
  grpc::ServerUnaryReactor* GetReferrer(grpc::CallbackServerContext* context,
                                        const v1::GetReferrerRequest* request,
                                        v1::Referrer* response) override;
  grpc::ServerUnaryReactor* ListReferrers(grpc::CallbackServerContext* context,
                                          const v1::ListReferrersRequest* request,
                                          v1::ListReferrersResponse* response) override;
  grpc::ServerUnaryReactor* CreateActivity(grpc::CallbackServerContext* context,
                                           const v1::CreateActivityRequest* request,
                                           v1::Activity* response) override;
  grpc::ServerUnaryReactor* GetActivity(grpc::CallbackServerContext* context,
                                        const v1::GetActivityRequest* request,
                                        v1::Activity* response) override;
  grpc::ServerUnaryReactor* ListActivities(grpc::CallbackServerContext* context,
                                           const v1::ListActivitiesRequest* request,
                                           v1::ListActivitiesResponse* response) override;
  grpc::ServerUnaryReactor* UpdateActivity(grpc::CallbackServerContext* context,
                                           const v1::UpdateActivityRequest* request,
                                           v1::Activity* response) override;
  grpc::ServerUnaryReactor* CreateLead(grpc::CallbackServerContext* context,
                                       const v1::CreateLeadRequest* request,
                                       v1::Lead* response) override;
  grpc::ServerUnaryReactor* GetLead(grpc::CallbackServerContext* context,
                                    const v1::GetLeadRequest* request, v1::Lead* response) override;
  grpc::ServerUnaryReactor* ListLeads(grpc::CallbackServerContext* context,
                                      const v1::ListLeadsRequest* request,
                                      v1::ListLeadsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateLead(grpc::CallbackServerContext* context,
                                       const v1::UpdateLeadRequest* request,
                                       v1::Lead* response) override;
  grpc::ServerUnaryReactor* AddFollowUp(grpc::CallbackServerContext* context,
                                        const v1::AddFollowUpRequest* request,
                                        v1::FollowUp* response) override;
  grpc::ServerUnaryReactor* ListFollowUps(grpc::CallbackServerContext* context,
                                          const v1::ListFollowUpsRequest* request,
                                          v1::ListFollowUpsResponse* response) override;
  grpc::ServerUnaryReactor* ConvertLead(grpc::CallbackServerContext* context,
                                        const v1::ConvertLeadRequest* request,
                                        v1::Lead* response) override;
  grpc::ServerUnaryReactor* DropLead(grpc::CallbackServerContext* context,
                                     const v1::DropLeadRequest* request,
                                     v1::Lead* response) override;
  grpc::ServerUnaryReactor* ListLeadStatusHistory(
      grpc::CallbackServerContext* context, const v1::ListLeadStatusHistoryRequest* request,
      v1::ListLeadStatusHistoryResponse* response) override;
  grpc::ServerUnaryReactor* ListOverdueLeads(grpc::CallbackServerContext* context,
                                             const v1::ListOverdueLeadsRequest* request,
                                             v1::ListOverdueLeadsResponse* response) override;
  grpc::ServerUnaryReactor* GetLeadTimeLimits(grpc::CallbackServerContext* context,
                                              const v1::GetLeadTimeLimitsRequest* request,
                                              v1::LeadTimeLimits* response) override;
  grpc::ServerUnaryReactor* UpdateLeadTimeLimits(grpc::CallbackServerContext* context,
                                                 const v1::UpdateLeadTimeLimitsRequest* request,
                                                 v1::LeadTimeLimits* response) override;
  grpc::ServerUnaryReactor* FindDuplicateLeads(grpc::CallbackServerContext* context,
                                               const v1::FindDuplicateLeadsRequest* request,
                                               v1::FindDuplicateLeadsResponse* response) override;
  grpc::ServerUnaryReactor* MergeLeads(grpc::CallbackServerContext* context,
                                       const v1::MergeLeadsRequest* request,
                                       v1::Merge* response) override;
  grpc::ServerUnaryReactor* ListMerges(grpc::CallbackServerContext* context,
                                       const v1::ListMergesRequest* request,
                                       v1::ListMergesResponse* response) override;
  grpc::ServerUnaryReactor* AggregateActivities(grpc::CallbackServerContext* context,
                                                const v1::AggregateActivitiesRequest* request,
                                                v1::AggregateActivitiesResponse* response) override;
  grpc::ServerUnaryReactor* AggregateLeads(grpc::CallbackServerContext* context,
                                           const v1::AggregateLeadsRequest* request,
                                           v1::AggregateLeadsResponse* response) override;

  grpc::ServerUnaryReactor* ListAuditEvents(
      grpc::CallbackServerContext* context,
      const zhaoshang::common::v1::ListAuditEventsRequest* request,
      zhaoshang::common::v1::ListAuditEventsResponse* response) override;
  // Spreadsheets (lead_service_import.cc).
  grpc::ServerUnaryReactor* ImportLeads(grpc::CallbackServerContext* context,
                                        const v1::ImportLeadsRequest* request,
                                        v1::ImportResponse* response) override;
  grpc::ServerUnaryReactor* ImportActivities(grpc::CallbackServerContext* context,
                                             const v1::ImportActivitiesRequest* request,
                                             v1::ImportResponse* response) override;
  grpc::ServerUnaryReactor* GetImportTemplate(grpc::CallbackServerContext* context,
                                              const v1::GetImportTemplateRequest* request,
                                              v1::ImportTemplate* response) override;

 private:
  RpcExecutor executor_;
  RpcExecutor report_executor_;
  EnterpriseStore enterprises_;
  ActivityStore activities_;
  LeadStore leads_;
  MergeStore merges_;
  AggregateStore aggregates_;
  Importer importer_;
};

}  // namespace zs::lead

#include "services/lead/lead_service.h"

#include "common/errors.h"
#include "common/security/audit.h"
#include "common/security/scope.h"
#include "services/lead/lead_access.h"
#include "services/lead/queries.h"

namespace zs::lead {

namespace cv1 = ::zhaoshang::common::v1;
using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

LeadServiceImpl::LeadServiceImpl(WorkerPool& pool, WorkerPool& report_pool,
                                 const Directory& directory, absl::Duration max_call_time,
                                 const Gatekeeper& gatekeeper, const ProjectClient* projects,
                                 AggregateStore::Source aggregates)
    : executor_(pool, max_call_time, gatekeeper, AccessPolicy::Of<v1::LeadService>()),
      report_executor_(report_pool, max_call_time, gatekeeper, AccessPolicy::Of<v1::LeadService>()),
      activities_(directory, enterprises_),
      leads_(directory),
      merges_(projects),
      aggregates_(aggregates),
      importer_(directory, enterprises_, leads_, activities_) {}

ServerUnaryReactor* LeadServiceImpl::CreateEnterprise(CallbackServerContext* context,
                                                      const v1::CreateEnterpriseRequest* request,
                                                      v1::Enterprise* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return enterprises_.Create(tx, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::GetEnterprise(CallbackServerContext* context,
                                                   const v1::GetEnterpriseRequest* request,
                                                   v1::Enterprise* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return enterprises_.Get(tx, request->id(), response);
                        });
}

ServerUnaryReactor* LeadServiceImpl::ListEnterprises(CallbackServerContext* context,
                                                     const v1::ListEnterprisesRequest* request,
                                                     v1::ListEnterprisesResponse* response) {
  return executor_.ReadFromReplica(context, *request, response,
                                   [=, this](pqxx::transaction_base& tx, const CallContext&) {
                                     return enterprises_.List(tx, *request, response);
                                   });
}

ServerUnaryReactor* LeadServiceImpl::UpdateEnterprise(CallbackServerContext* context,
                                                      const v1::UpdateEnterpriseRequest* request,
                                                      v1::Enterprise* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return enterprises_.Update(tx, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::FindDuplicateEnterprises(
    CallbackServerContext* context, const v1::FindDuplicateEnterprisesRequest* request,
    v1::FindDuplicateEnterprisesResponse* response) {
  return executor_.ReadInTransaction(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return merges_.FindDuplicateEnterprises(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::MergeEnterprises(CallbackServerContext* context,
                                                      const v1::MergeEnterprisesRequest* request,
                                                      v1::Merge* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return merges_.MergeEnterprises(tx, call, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::CreateReferrer(CallbackServerContext* context,
                                                    const v1::CreateReferrerRequest* request,
                                                    v1::Referrer* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return enterprises_.CreateReferrer(tx, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::GetReferrer(CallbackServerContext* context,
                                                 const v1::GetReferrerRequest* request,
                                                 v1::Referrer* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return enterprises_.GetReferrer(tx, request->id(), response);
                        });
}

ServerUnaryReactor* LeadServiceImpl::ListReferrers(CallbackServerContext* context,
                                                   const v1::ListReferrersRequest* request,
                                                   v1::ListReferrersResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return enterprises_.ListReferrers(tx, *request, response);
                        });
}

ServerUnaryReactor* LeadServiceImpl::CreateActivity(CallbackServerContext* context,
                                                    const v1::CreateActivityRequest* request,
                                                    v1::Activity* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireOwnUnitOrOffice(call.principal, request->activity().unit_code(),
                                                  request->activity().office_code()));
        return activities_.Create(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::GetActivity(CallbackServerContext* context,
                                                 const v1::GetActivityRequest* request,
                                                 v1::Activity* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kActivityOwner, request->id()));
        return activities_.Get(tx, request->id(), response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListActivities(CallbackServerContext* context,
                                                    const v1::ListActivitiesRequest* request,
                                                    v1::ListActivitiesResponse* response) {
  return executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        ZS_RETURN_IF_ERROR(ScopeOwnerFilters(call.principal, scoped.mutable_unit_code(),
                                             scoped.mutable_office_code()));
        return activities_.List(tx, scoped, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::UpdateActivity(CallbackServerContext* context,
                                                    const v1::UpdateActivityRequest* request,
                                                    v1::Activity* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kActivityOwner, request->activity().id()));
        return activities_.Update(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::CreateLead(CallbackServerContext* context,
                                                const v1::CreateLeadRequest* request,
                                                v1::Lead* response) {
  return executor_.MutateInOneStatement(
      context, *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call, const StatementClaim& claim) {
        ZS_RETURN_IF_ERROR(RequireOwnUnitOrOffice(call.principal, request->lead().unit_code(),
                                                  request->lead().office_code()));
        return leads_.Create(tx, call, claim, *request, response);
      },
      [this](pqxx::transaction_base& tx, const std::string& request_id,
             google::protobuf::Message* out) {
        return leads_.RenderRecorded(tx, request_id, static_cast<v1::Lead*>(out));
      });
}

ServerUnaryReactor* LeadServiceImpl::GetLead(CallbackServerContext* context,
                                             const v1::GetLeadRequest* request,
                                             v1::Lead* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->id()));
        return leads_.Get(tx, request->id(), response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListLeads(CallbackServerContext* context,
                                               const v1::ListLeadsRequest* request,
                                               v1::ListLeadsResponse* response) {
  return executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        ZS_RETURN_IF_ERROR(ScopeOwnerFilters(call.principal, scoped.mutable_unit_code(),
                                             scoped.mutable_office_code()));
        return leads_.List(tx, scoped, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::UpdateLead(CallbackServerContext* context,
                                                const v1::UpdateLeadRequest* request,
                                                v1::Lead* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->lead().id()));
        return leads_.Update(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::AddFollowUp(CallbackServerContext* context,
                                                 const v1::AddFollowUpRequest* request,
                                                 v1::FollowUp* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->follow_up().lead_id()));
        return leads_.AddFollowUp(tx, call, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListFollowUps(CallbackServerContext* context,
                                                   const v1::ListFollowUpsRequest* request,
                                                   v1::ListFollowUpsResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->lead_id()));
        return leads_.ListFollowUps(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ConvertLead(CallbackServerContext* context,
                                                 const v1::ConvertLeadRequest* request,
                                                 v1::Lead* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return leads_.Convert(tx, call, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::DropLead(CallbackServerContext* context,
                                              const v1::DropLeadRequest* request,
                                              v1::Lead* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->lead_id()));
        return leads_.Drop(tx, call, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListLeadStatusHistory(
    CallbackServerContext* context, const v1::ListLeadStatusHistoryRequest* request,
    v1::ListLeadStatusHistoryResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireOwnRow(tx, call.principal, queries::kLeadOwner, request->lead_id()));
        return leads_.ListStatusHistory(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListOverdueLeads(CallbackServerContext* context,
                                                      const v1::ListOverdueLeadsRequest* request,
                                                      v1::ListOverdueLeadsResponse* response) {
  return executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        ZS_RETURN_IF_ERROR(ScopeOwnerFilters(call.principal, scoped.mutable_unit_code(),
                                             scoped.mutable_office_code()));
        return leads_.ListOverdue(tx, scoped, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::GetLeadTimeLimits(CallbackServerContext* context,
                                                       const v1::GetLeadTimeLimitsRequest* request,
                                                       v1::LeadTimeLimits* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return leads_.GetTimeLimits(tx, response);
                        });
}

ServerUnaryReactor* LeadServiceImpl::UpdateLeadTimeLimits(
    CallbackServerContext* context, const v1::UpdateLeadTimeLimitsRequest* request,
    v1::LeadTimeLimits* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return leads_.UpdateTimeLimits(tx, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::FindDuplicateLeads(
    CallbackServerContext* context, const v1::FindDuplicateLeadsRequest* request,
    v1::FindDuplicateLeadsResponse* response) {
  return executor_.ReadInTransaction(context, *request, response,
                                     [=, this](pqxx::transaction_base& tx, const CallContext&) {
                                       return merges_.FindDuplicateLeads(tx, *request, response);
                                     });
}

ServerUnaryReactor* LeadServiceImpl::MergeLeads(CallbackServerContext* context,
                                                const v1::MergeLeadsRequest* request,
                                                v1::Merge* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return merges_.MergeLeads(tx, call, *request, response);
                          });
}

ServerUnaryReactor* LeadServiceImpl::ListMerges(CallbackServerContext* context,
                                                const v1::ListMergesRequest* request,
                                                v1::ListMergesResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return merges_.ListMerges(tx, *request, response);
                        });
}

ServerUnaryReactor* LeadServiceImpl::AggregateActivities(
    CallbackServerContext* context, const v1::AggregateActivitiesRequest* request,
    v1::AggregateActivitiesResponse* response) {
  return report_executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Activities(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::AggregateLeads(CallbackServerContext* context,
                                                    const v1::AggregateLeadsRequest* request,
                                                    v1::AggregateLeadsResponse* response) {
  return report_executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Leads(tx, *request, response);
      });
}

ServerUnaryReactor* LeadServiceImpl::ListAuditEvents(CallbackServerContext* context,
                                                     const cv1::ListAuditEventsRequest* request,
                                                     cv1::ListAuditEventsResponse* response) {
  return executor_.ReadFromReplica(context, *request, response,
                                   [=](pqxx::transaction_base& tx, const CallContext&) {
                                     return zs::ListAuditEvents(tx, *request, response);
                                   });
}

}  // namespace zs::lead

#include "services/project/project_service.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/security/audit.h"
#include "services/project/project_access.h"

namespace zs::project {

namespace cv1 = ::zhaoshang::common::v1;
using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

ProjectServiceImpl::ProjectServiceImpl(WorkerPool& pool, WorkerPool& report_pool,
                                       const Directory& directory, const LeadClient& leads,
                                       absl::Duration max_call_time, const Gatekeeper& gatekeeper,
                                       AggregateStore::Source aggregates)
    : executor_(pool, max_call_time, gatekeeper, AccessPolicy::Of<v1::ProjectService>()),
      report_executor_(report_pool, max_call_time, gatekeeper,
                       AccessPolicy::Of<v1::ProjectService>()),
      leads_(leads),
      projects_(directory),
      requests_(directory),
      aggregates_(aggregates),
      conversion_(leads, projects_) {}

ServerUnaryReactor* ProjectServiceImpl::GetProject(CallbackServerContext* context,
                                                   const v1::GetProjectRequest* request,
                                                   v1::Project* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->id(), ProjectAccess::kRead));
        return projects_.Get(tx, request->id(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListProjects(CallbackServerContext* context,
                                                     const v1::ListProjectsRequest* request,
                                                     v1::ListProjectsResponse* response) {
  return executor_.ReadFromReplica(context, *request, response,
                                   [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                                     auto scoped = *request;
                                     ZS_RETURN_IF_ERROR(ScopeProjectList(call.principal, &scoped));
                                     return projects_.List(tx, scoped, response);
                                   });
}

ServerUnaryReactor* ProjectServiceImpl::UpdateProject(CallbackServerContext* context,
                                                      const v1::UpdateProjectRequest* request,
                                                      v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project().id(), ProjectAccess::kWrite));
        return projects_.Update(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::HandOverProject(CallbackServerContext* context,
                                                        const v1::HandOverProjectRequest* request,
                                                        v1::Project* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return projects_.HandOver(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::StartNegotiation(CallbackServerContext* context,
                                                         const v1::StartNegotiationRequest* request,
                                                         v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_NEGOTIATING,
                               .effective_date = request->negotiation_date(),
                               .date_field = "negotiation_date"},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::SignProject(CallbackServerContext* context,
                                                    const v1::SignProjectRequest* request,
                                                    v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_SIGNED,
                               .effective_date = request->signed_date(),
                               .date_field = "signed_date",
                               .signed_investment_wan_yuan = request->signed_investment_wan_yuan(),
                               .activity_id = request->activity_id()},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ScheduleStart(CallbackServerContext* context,
                                                      const v1::ScheduleStartRequest* request,
                                                      v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_TO_START,
                               .effective_date = request->planned_start_date(),
                               .date_field = "planned_start_date"},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::StartProject(CallbackServerContext* context,
                                                     const v1::StartProjectRequest* request,
                                                     v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_STARTED,
                               .effective_date = request->started_date(),
                               .date_field = "started_date"},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::CompleteProject(CallbackServerContext* context,
                                                        const v1::CompleteProjectRequest* request,
                                                        v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_COMPLETED,
                               .effective_date = request->completed_date(),
                               .date_field = "completed_date"},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::DropProject(CallbackServerContext* context,
                                                    const v1::DropProjectRequest* request,
                                                    v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.Move(tx, call,
                              {.project_id = request->project_id(),
                               .etag = request->etag(),
                               .to = v1::STAGE_DROPPED,
                               .effective_date = request->dropped_date(),
                               .reason = request->reason()},
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::RollOverYear(CallbackServerContext* context,
                                                     const v1::RollOverYearRequest* request,
                                                     v1::RollOverYearResponse* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return projects_.RollOverYear(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::MoveEnterpriseProjects(
    CallbackServerContext* context, const v1::MoveEnterpriseProjectsRequest* request,
    v1::MoveEnterpriseProjectsResponse* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return projects_.MoveEnterpriseProjects(tx, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::ListStageTransitions(
    CallbackServerContext* context, const v1::ListStageTransitionsRequest* request,
    v1::ListStageTransitionsResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kRead));
        return projects_.ListTransitions(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::RecordCapitalIncrease(
    CallbackServerContext* context, const v1::RecordCapitalIncreaseRequest* request,
    v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.RecordCapitalIncrease(tx, call, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::RecordResigning(CallbackServerContext* context,
                                                        const v1::RecordResigningRequest* request,
                                                        v1::Project* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.RecordResigning(tx, call, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::AddLedgerEntry(CallbackServerContext* context,
                                                       const v1::AddLedgerEntryRequest* request,
                                                       v1::LedgerEntry* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->entry().project_id(),
                                          ProjectAccess::kLedger));
        return ledger_.AddEntry(tx, call, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListLedgerEntries(
    CallbackServerContext* context, const v1::ListLedgerEntriesRequest* request,
    v1::ListLedgerEntriesResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kRead));
        return ledger_.ListEntries(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::RecordFunds(CallbackServerContext* context,
                                                    const v1::RecordFundsRequest* request,
                                                    v1::FundsRecord* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->funds().project_id(),
                                          ProjectAccess::kWrite));
        return ledger_.RecordFunds(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListFunds(CallbackServerContext* context,
                                                  const v1::ListFundsRequest* request,
                                                  v1::ListFundsResponse* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kRead));
        return ledger_.ListFunds(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::CreateEnterpriseRequest(
    CallbackServerContext* context, const v1::CreateEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(
            tx, call.principal, request->enterprise_request().project_id(), ProjectAccess::kWrite));
        return requests_.Create(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::GetEnterpriseRequest(
    CallbackServerContext* context, const v1::GetEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireEnterpriseRequest(tx, call.principal, request->id(), ProjectAccess::kRead));
        return requests_.Get(tx, request->id(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListEnterpriseRequests(
    CallbackServerContext* context, const v1::ListEnterpriseRequestsRequest* request,
    v1::ListEnterpriseRequestsResponse* response) {
  return executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        std::string leader_code;
        ZS_RETURN_IF_ERROR(ScopeEnterpriseRequestList(call.principal, &scoped, &leader_code));
        return requests_.List(tx, scoped, leader_code, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::StartEnterpriseRequest(
    CallbackServerContext* context, const v1::StartEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireEnterpriseRequest(tx, call.principal, request->id(), ProjectAccess::kWrite));
        return requests_.Move(tx, request->id(), request->etag(), v1::REQUEST_STATE_IN_PROGRESS, "",
                              response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::SettleEnterpriseRequest(
    CallbackServerContext* context, const v1::SettleEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireEnterpriseRequest(tx, call.principal, request->id(), ProjectAccess::kWrite));
        return requests_.Move(tx, request->id(), request->etag(), v1::REQUEST_STATE_SETTLED,
                              request->resolution(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::RejectEnterpriseRequest(
    CallbackServerContext* context, const v1::RejectEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireEnterpriseRequest(tx, call.principal, request->id(), ProjectAccess::kWrite));
        return requests_.Move(tx, request->id(), request->etag(), v1::REQUEST_STATE_REJECTED,
                              request->reason(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::SetHolidays(CallbackServerContext* context,
                                                    const v1::SetHolidaysRequest* request,
                                                    v1::SetHolidaysResponse* response) {
  return executor_.Mutate(context, *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return requests_.SetHolidays(tx, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateTransitions(
    CallbackServerContext* context, const v1::AggregateTransitionsRequest* request,
    v1::AggregateTransitionsResponse* response) {
  return report_executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Transitions(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateFunds(CallbackServerContext* context,
                                                       const v1::AggregateFundsRequest* request,
                                                       v1::AggregateFundsResponse* response) {
  return report_executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Funds(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateContinuing(
    CallbackServerContext* context, const v1::AggregateContinuingRequest* request,
    v1::AggregateContinuingResponse* response) {
  return report_executor_.ReadFromReplica(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Continuing(tx, *request, response);
      });
}

absl::Status ProjectServiceImpl::CheckEnterprise(const CallContext& call, absl::string_view field,
                                                 int64_t enterprise_id) const {
  if (enterprise_id <= 0) return InvalidField(field, "is required");
  absl::StatusOr<lv1::Enterprise> enterprise = leads_.GetEnterprise(call, enterprise_id);
  if (enterprise.status().code() == absl::StatusCode::kNotFound) {
    return InvalidField(field, absl::StrCat("enterprise ", enterprise_id, " does not exist"));
  }
  if (!enterprise.ok()) return enterprise.status();
  if (enterprise->merged_into_id() != 0) {
    return InvalidField(field,
                        absl::StrCat("enterprise ", enterprise_id, " was merged into enterprise ",
                                     enterprise->merged_into_id(), "; use that one"));
  }
  return absl::OkStatus();
}

ServerUnaryReactor* ProjectServiceImpl::CreateProject(CallbackServerContext* context,
                                                      const v1::CreateProjectRequest* request,
                                                      v1::Project* response) {
  return executor_.MutateAfter(
      context, *request, response,
      [=, this](const CallContext& call) {
        return CheckEnterprise(call, "project.enterprise_id", request->project().enterprise_id());
      },
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireOwnNewProject(call.principal, request->project().unit_code()));
        if (request->project().lead_id() != 0) {
          return InvalidField("project.lead_id",
                              "use ConvertLeadToProject to make a project from a lead");
        }
        return projects_.Create(tx, call, request->project(), request->effective_date(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ChangeInvestor(CallbackServerContext* context,
                                                       const v1::ChangeInvestorRequest* request,
                                                       v1::Project* response) {
  return executor_.MutateAfter(
      context, *request, response,
      [=, this](const CallContext& call) {
        return CheckEnterprise(call, "new_enterprise_id", request->new_enterprise_id());
      },
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.ChangeInvestor(tx, call, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ConvertLeadToProject(
    CallbackServerContext* context, const v1::ConvertLeadToProjectRequest* request,
    v1::Project* response) {
  return executor_.Run(context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) {
    return conversion_.Convert(call, slot, *request, response);
  });
}

ServerUnaryReactor* ProjectServiceImpl::RepairLeadConversions(
    CallbackServerContext* context, const v1::RepairLeadConversionsRequest* request,
    v1::RepairLeadConversionsResponse* response) {
  return executor_.Run(context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) {
    return conversion_.RepairPending(call, slot, *request, response);
  });
}

ServerUnaryReactor* ProjectServiceImpl::ListAuditEvents(CallbackServerContext* context,
                                                        const cv1::ListAuditEventsRequest* request,
                                                        cv1::ListAuditEventsResponse* response) {
  return executor_.ReadFromReplica(context, *request, response,
                                   [=](pqxx::transaction_base& tx, const CallContext&) {
                                     return zs::ListAuditEvents(tx, *request, response);
                                   });
}

}  // namespace zs::project

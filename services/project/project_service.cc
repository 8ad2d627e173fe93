#include "services/project/project_service.h"

#include "absl/strings/str_cat.h"
#include "common/business_date.h"
#include "common/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/idempotency.h"
#include "common/security/audit.h"
#include "common/security/scope.h"
#include "common/validation.h"
#include "services/project/project_access.h"

namespace zs::project {

namespace cv1 = ::zhaoshang::common::v1;
using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

ProjectServiceImpl::ProjectServiceImpl(WorkerPool& pool, WorkerPool& report_pool,
                                       const Directory& directory, const LeadClient& leads,
                                       absl::Duration max_call_time, const Gatekeeper& gatekeeper,
                                       AggregateStore::Source aggregates)
    : executor_(pool, max_call_time, gatekeeper, ProjectAccessPolicy()),
      report_executor_(report_pool, max_call_time, gatekeeper, ProjectAccessPolicy()),
      leads_(leads),
      projects_(directory),
      requests_(directory),
      aggregates_(aggregates) {}

ServerUnaryReactor* ProjectServiceImpl::GetProject(CallbackServerContext* context,
                                                   const v1::GetProjectRequest* request,
                                                   v1::Project* response) {
  return executor_.Read(
      context, "GetProject", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->id(), ProjectAccess::kRead));
        return projects_.Get(tx, request->id(), response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListProjects(CallbackServerContext* context,
                                                     const v1::ListProjectsRequest* request,
                                                     v1::ListProjectsResponse* response) {
  return executor_.ReadFromReplica(context, "ListProjects", *request, response,
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
      context, "UpdateProject", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project().id(), ProjectAccess::kWrite));
        return projects_.Update(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::HandOverProject(CallbackServerContext* context,
                                                        const v1::HandOverProjectRequest* request,
                                                        v1::Project* response) {
  return executor_.Mutate(context, "HandOverProject", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return projects_.HandOver(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::StartNegotiation(CallbackServerContext* context,
                                                         const v1::StartNegotiationRequest* request,
                                                         v1::Project* response) {
  return executor_.Mutate(context, "StartNegotiation", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
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
      context, "SignProject", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
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
  return executor_.Mutate(context, "ScheduleStart", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
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
  return executor_.Mutate(context, "StartProject", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
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
  return executor_.Mutate(context, "CompleteProject", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
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
  return executor_.Mutate(context, "DropProject", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
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
  return executor_.Mutate(context, "RollOverYear", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            return projects_.RollOverYear(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::MoveEnterpriseProjects(
    CallbackServerContext* context, const v1::MoveEnterpriseProjectsRequest* request,
    v1::MoveEnterpriseProjectsResponse* response) {
  return executor_.Mutate(context, "MoveEnterpriseProjects", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return projects_.MoveEnterpriseProjects(tx, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::ListStageTransitions(
    CallbackServerContext* context, const v1::ListStageTransitionsRequest* request,
    v1::ListStageTransitionsResponse* response) {
  return executor_.Read(context, "ListStageTransitions", *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          ZS_RETURN_IF_ERROR(RequireProject(
                              tx, call.principal, request->project_id(), ProjectAccess::kRead));
                          return projects_.ListTransitions(tx, *request, response);
                        });
}

ServerUnaryReactor* ProjectServiceImpl::RecordCapitalIncrease(
    CallbackServerContext* context, const v1::RecordCapitalIncreaseRequest* request,
    v1::Project* response) {
  return executor_.Mutate(context, "RecordCapitalIncrease", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
                            return projects_.RecordCapitalIncrease(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::RecordResigning(CallbackServerContext* context,
                                                        const v1::RecordResigningRequest* request,
                                                        v1::Project* response) {
  return executor_.Mutate(context, "RecordResigning", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireProject(
                                tx, call.principal, request->project_id(), ProjectAccess::kWrite));
                            return projects_.RecordResigning(tx, call, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::AddLedgerEntry(CallbackServerContext* context,
                                                       const v1::AddLedgerEntryRequest* request,
                                                       v1::LedgerEntry* response) {
  return executor_.Mutate(
      context, "AddLedgerEntry", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->entry().project_id(),
                                          ProjectAccess::kLedger));
        return ledger_.AddEntry(tx, call, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListLedgerEntries(
    CallbackServerContext* context, const v1::ListLedgerEntriesRequest* request,
    v1::ListLedgerEntriesResponse* response) {
  return executor_.Read(context, "ListLedgerEntries", *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          ZS_RETURN_IF_ERROR(RequireProject(
                              tx, call.principal, request->project_id(), ProjectAccess::kRead));
                          return ledger_.ListEntries(tx, *request, response);
                        });
}

ServerUnaryReactor* ProjectServiceImpl::RecordFunds(CallbackServerContext* context,
                                                    const v1::RecordFundsRequest* request,
                                                    v1::FundsRecord* response) {
  return executor_.Mutate(
      context, "RecordFunds", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(tx, call.principal, request->funds().project_id(),
                                          ProjectAccess::kWrite));
        return ledger_.RecordFunds(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListFunds(CallbackServerContext* context,
                                                  const v1::ListFundsRequest* request,
                                                  v1::ListFundsResponse* response) {
  return executor_.Read(context, "ListFunds", *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          ZS_RETURN_IF_ERROR(RequireProject(
                              tx, call.principal, request->project_id(), ProjectAccess::kRead));
                          return ledger_.ListFunds(tx, *request, response);
                        });
}

ServerUnaryReactor* ProjectServiceImpl::CreateEnterpriseRequest(
    CallbackServerContext* context, const v1::CreateEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(
      context, "CreateEnterpriseRequest", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(RequireProject(
            tx, call.principal, request->enterprise_request().project_id(), ProjectAccess::kWrite));
        return requests_.Create(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::GetEnterpriseRequest(
    CallbackServerContext* context, const v1::GetEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Read(context, "GetEnterpriseRequest", *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          ZS_RETURN_IF_ERROR(RequireEnterpriseRequest(
                              tx, call.principal, request->id(), ProjectAccess::kRead));
                          return requests_.Get(tx, request->id(), response);
                        });
}

ServerUnaryReactor* ProjectServiceImpl::ListEnterpriseRequests(
    CallbackServerContext* context, const v1::ListEnterpriseRequestsRequest* request,
    v1::ListEnterpriseRequestsResponse* response) {
  return executor_.ReadFromReplica(
      context, "ListEnterpriseRequests", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        auto scoped = *request;
        std::string leader_code;
        ZS_RETURN_IF_ERROR(ScopeEnterpriseRequestList(call.principal, &scoped, &leader_code));
        return requests_.List(tx, scoped, leader_code, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::StartEnterpriseRequest(
    CallbackServerContext* context, const v1::StartEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(context, "StartEnterpriseRequest", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireEnterpriseRequest(
                                tx, call.principal, request->id(), ProjectAccess::kWrite));
                            return requests_.Move(tx, request->id(), request->etag(),
                                                  v1::REQUEST_STATE_IN_PROGRESS, "", response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::SettleEnterpriseRequest(
    CallbackServerContext* context, const v1::SettleEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(context, "SettleEnterpriseRequest", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireEnterpriseRequest(
                                tx, call.principal, request->id(), ProjectAccess::kWrite));
                            return requests_.Move(tx, request->id(), request->etag(),
                                                  v1::REQUEST_STATE_SETTLED, request->resolution(),
                                                  response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::RejectEnterpriseRequest(
    CallbackServerContext* context, const v1::RejectEnterpriseRequestRequest* request,
    v1::EnterpriseRequest* response) {
  return executor_.Mutate(context, "RejectEnterpriseRequest", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                            ZS_RETURN_IF_ERROR(RequireEnterpriseRequest(
                                tx, call.principal, request->id(), ProjectAccess::kWrite));
                            return requests_.Move(tx, request->id(), request->etag(),
                                                  v1::REQUEST_STATE_REJECTED, request->reason(),
                                                  response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::SetHolidays(CallbackServerContext* context,
                                                    const v1::SetHolidaysRequest* request,
                                                    v1::SetHolidaysResponse* response) {
  return executor_.Mutate(context, "SetHolidays", *request, response,
                          [=, this](pqxx::transaction_base& tx, const CallContext&) {
                            return requests_.SetHolidays(tx, *request, response);
                          });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateTransitions(
    CallbackServerContext* context, const v1::AggregateTransitionsRequest* request,
    v1::AggregateTransitionsResponse* response) {
  return report_executor_.ReadFromReplica(
      context, "AggregateTransitions", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Transitions(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateFunds(CallbackServerContext* context,
                                                       const v1::AggregateFundsRequest* request,
                                                       v1::AggregateFundsResponse* response) {
  return report_executor_.ReadFromReplica(
      context, "AggregateFunds", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) {
        return aggregates_.Funds(tx, *request, response);
      });
}

ServerUnaryReactor* ProjectServiceImpl::AggregateContinuing(
    CallbackServerContext* context, const v1::AggregateContinuingRequest* request,
    v1::AggregateContinuingResponse* response) {
  return report_executor_.ReadFromReplica(
      context, "AggregateContinuing", *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) {
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
      context, "CreateProject", *request, response,
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
      context, "ChangeInvestor", *request, response,
      [=, this](const CallContext& call) {
        return CheckEnterprise(call, "new_enterprise_id", request->new_enterprise_id());
      },
      [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        ZS_RETURN_IF_ERROR(
            RequireProject(tx, call.principal, request->project_id(), ProjectAccess::kWrite));
        return projects_.ChangeInvestor(tx, call, *request, response);
      });
}

absl::Status ProjectServiceImpl::FinishConversion(const CallContext& call, ConnectionSlot& slot,
                                                  int64_t project_id, int64_t lead_id) const {
  absl::StatusOr<lv1::Lead> converted = leads_.ConvertLead(call, lead_id, project_id);
  if (!converted.ok()) {
    return absl::Status(
        converted.status().code(),
        absl::StrCat("project ", project_id, " was created but lead ", lead_id,
                     " is not yet marked converted: ", converted.status().message(),
                     ". Retrying with the same request_id (or RepairLeadConversions) finishes it"));
  }
  return RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    projects_.ConfirmConversion(tx, project_id);
    return absl::OkStatus();
  });
}

// Conversion spans two services, so it is made exactly-once in steps that
// are each safe to repeat:
//   1. read the lead (a lead already converted into project P resumes at 3);
//   2. create the project, pending, under the caller's request_id — unique
//      per lead, so a retry finds the same project;
//   3. ConvertLead on the lead service with a request id derived from the
//      project (the lead side accepts a repeat for the same project);
//   4. clear the project's pending flag.
// A failure between 2 and 4 leaves a pending project that a retry, or
// RepairLeadConversions, completes.
ServerUnaryReactor* ProjectServiceImpl::ConvertLeadToProject(
    CallbackServerContext* context, const v1::ConvertLeadToProjectRequest* request,
    v1::Project* response) {
  return executor_.Run(
      context, "ConvertLeadToProject", *request,
      [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        ZS_RETURN_IF_ERROR(ValidateRequestId(request->request_id()));
        if (request->lead_id() <= 0) return InvalidField("lead_id", "is required");
        // A retry gets the first answer: the project as it was created (the
        // lead side finished if it was not), however it has moved on since.
        const IdempotentCall idempotent = IdempotencyOf(call, request->request_id(), *request);
        v1::Project first;
        bool replayed = false;
        ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          first.Clear();
          absl::StatusOr<bool> done = ReplayCompleted(tx, idempotent, &first);
          if (!done.ok()) return done.status();
          replayed = *done;
          return absl::OkStatus();
        }));
        if (replayed) {
          if (first.lead_conversion_pending()) {
            ZS_RETURN_IF_ERROR(FinishConversion(call, slot, first.id(), request->lead_id()));
            first.set_lead_conversion_pending(false);  // what the first call answered
          }
          *response = std::move(first);
          return absl::OkStatus();
        }
        absl::StatusOr<lv1::Lead> lead = leads_.GetLead(call, request->lead_id());
        if (lead.status().code() == absl::StatusCode::kNotFound) {
          // A unit or office hears the same of a missing lead as of another's.
          if (IsUnitScoped(call.principal)) return DeniedRecord();
          return InvalidField("lead_id",
                              absl::StrCat("lead ", request->lead_id(), " does not exist"));
        }
        if (!lead.ok()) return lead.status();
        ZS_RETURN_IF_ERROR(
            RequireOwnUnitOrOffice(call.principal, lead->unit_code(), lead->office_code()));
        if (!request->negotiation_date().empty()) {
          ZS_RETURN_IF_ERROR(
              ValidateBusinessDate("negotiation_date", request->negotiation_date(), TodayInChina(),
                                   DateFloor{lead->collected_date(), "the lead's collected_date"}));
        }
        int64_t project_id = 0;
        if (lead->status() == lv1::LEAD_STATUS_CONVERTED) {
          project_id = lead->project_id();  // step 3 happened; only 4 may be missing
        } else if (lead->status() != lv1::LEAD_STATUS_NEW &&
                   lead->status() != lv1::LEAD_STATUS_FOLLOWING) {
          return FailedPrecondition(
              "LEAD_NOT_OPEN",
              absl::StrCat("lead ", lead->id(), " is ", lv1::LeadStatus_Name(lead->status()),
                           " and cannot become a project"));
        } else {
          v1::Project project = request->project();
          project.set_lead_id(lead->id());
          project.set_enterprise_id(lead->enterprise_id());
          if (project.name().empty()) project.set_name(lead->title());
          if (project.industry() == 0) project.set_industry(lead->industry());
          if (project.chain_action() == 0) project.set_chain_action(lead->chain_action());
          if (project.total_investment_wan_yuan() == 0) {
            project.set_total_investment_wan_yuan(lead->estimated_investment_wan_yuan());
          }
          if (project.unit_code().empty()) project.set_unit_code(lead->unit_code());
          project.set_collected_by_code(lead->unit_code().empty() ? lead->office_code()
                                                                  : lead->unit_code());
          if (project.unit_code().empty()) {
            return InvalidField(
                "project.unit_code",
                absl::StrCat("is required: lead ", lead->id(), " was collected by ",
                             lead->office_code(), "; name the unit responsible for the project"));
          }
          if (call.principal.kind == PrincipalKind::kUnitStaff) {
            ZS_RETURN_IF_ERROR(RequireOwnNewProject(call.principal, project.unit_code()));
          }
          v1::Project created;
          ZS_RETURN_IF_ERROR(RunIdempotentTransaction(
              slot, call.deadline, idempotent, &created, [&](pqxx::transaction_base& tx) {
                return projects_.CreateFromLead(tx, call, project, request->negotiation_date(),
                                                &created);
              }));
          project_id = created.id();
        }
        ZS_RETURN_IF_ERROR(FinishConversion(call, slot, project_id, request->lead_id()));
        return RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          response->Clear();
          return projects_.Get(tx, project_id, response);
        });
      });
}

ServerUnaryReactor* ProjectServiceImpl::RepairLeadConversions(
    CallbackServerContext* context, const v1::RepairLeadConversionsRequest* request,
    v1::RepairLeadConversionsResponse* response) {
  return executor_.Run(
      context, "RepairLeadConversions", *request,
      [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        // A retry gets the first run's counts; a new request id runs again.
        const IdempotentCall idempotent = IdempotencyOf(call, request->request_id(), *request);
        bool replayed = false;
        ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          response->Clear();
          absl::StatusOr<bool> done = ReplayCompleted(tx, idempotent, response);
          if (!done.ok()) return done.status();
          replayed = *done;
          return absl::OkStatus();
        }));
        if (replayed) return absl::OkStatus();
        std::vector<std::pair<int64_t, int64_t>> pending;
        ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          pending = projects_.PendingConversions(tx);
          return absl::OkStatus();
        }));
        response->Clear();
        for (const auto& [project_id, lead_id] : pending) {
          if (FinishConversion(call, slot, project_id, lead_id).ok()) {
            response->set_repaired(response->repaired() + 1);
          } else {
            response->set_still_pending(response->still_pending() + 1);
          }
        }
        const v1::RepairLeadConversionsResponse counts = *response;
        return RunIdempotentTransaction(slot, call.deadline, idempotent, response,
                                        [&](pqxx::transaction_base&) {
                                          *response = counts;
                                          return absl::OkStatus();
                                        });
      });
}

ServerUnaryReactor* ProjectServiceImpl::ListAuditEvents(CallbackServerContext* context,
                                                        const cv1::ListAuditEventsRequest* request,
                                                        cv1::ListAuditEventsResponse* response) {
  return executor_.ReadFromReplica(context, "ListAuditEvents", *request, response,
                                   [=](pqxx::transaction_base& tx, const CallContext&) {
                                     return zs::ListAuditEvents(tx, *request, response);
                                   });
}

}  // namespace zs::project

#include "services/project/project_access.h"

#include "common/security/scope.h"

namespace zs::project {

using namespace access;  // NOLINT: the role table reads best with the group names bare

const AccessPolicy& ProjectAccessPolicy() {
  static const AccessPolicy* const kPolicy =
      new AccessPolicy("ProjectService", {
                                             {"CreateProject", kRecorders},
                                             {"GetProject", kPeople | kService},
                                             {"ListProjects", kPeople | kService},
                                             {"UpdateProject", kRecorders},
                                             {"ConvertLeadToProject", kRecorders},
                                             {"StartNegotiation", kRecorders},
                                             {"SignProject", kRecorders},
                                             {"ScheduleStart", kRecorders},
                                             {"StartProject", kRecorders},
                                             {"CompleteProject", kRecorders},
                                             {"DropProject", kRecorders},
                                             {"RollOverYear", kAdmin},
                                             // The lead service, merging enterprises.
                                             {"MoveEnterpriseProjects", kService},
                                             {"ListStageTransitions", kPeople | kService},
                                             {"RecordCapitalIncrease", kRecorders},
                                             {"ChangeInvestor", kRecorders},
                                             {"RecordResigning", kRecorders},
                                             {"RepairLeadConversions", kBureau},
                                             {"AddLedgerEntry", kRecorders},
                                             {"ListLedgerEntries", kPeople},
                                             {"RecordFunds", kRecorders},
                                             {"ListFunds", kPeople | kService},
                                             {"CreateEnterpriseRequest", kRecorders},
                                             {"GetEnterpriseRequest", kRecorders},
                                             {"ListEnterpriseRequests", kRecorders | kService},
                                             {"StartEnterpriseRequest", kRecorders},
                                             {"SettleEnterpriseRequest", kRecorders},
                                             {"RejectEnterpriseRequest", kRecorders},
                                             {"SetHolidays", kAdmin},
                                             {"AggregateTransitions", kPeople | kService},
                                             {"AggregateFunds", kPeople | kService},
                                             {"AggregateContinuing", kPeople | kService},
                                             {"ListAuditEvents", kAdmin},
                                         });
  return *kPolicy;
}

absl::Status RequireProject(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t project_id, ProjectAccess access) {
  if (SeesWholeDistrict(principal)) return absl::OkStatus();
  if (project_id <= 0) {
    return absl::PermissionDeniedError("name one of your projects (project_id)");
  }
  const pqxx::result row = tx.exec_params(
      "SELECT unit_code, COALESCE(leader_code, ''), COALESCE(commander_code, '') "
      "FROM projects WHERE id = $1",
      project_id);
  if (row.empty()) return absl::OkStatus();
  if (IsUnitScoped(principal)) return RequireOwnRecord(principal, row[0][0].as<std::string>());
  const bool leads_it = principal.kind == PrincipalKind::kLeader &&
                        (row[0][1].as<std::string>() == LeaderCodeOf(principal) ||
                         row[0][2].as<std::string>() == LeaderCodeOf(principal));
  if (leads_it && access == ProjectAccess::kRead) return absl::OkStatus();
  return DeniedRecord();
}

absl::Status RequireOwnNewProject(const Principal& principal, const std::string& unit_code) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  return RequireOwnRecord(principal, unit_code);
}

absl::Status ScopeProjectList(const Principal& principal,
                              zhaoshang::project::v1::ListProjectsRequest* request) {
  if (principal.kind == PrincipalKind::kLeader) {
    if (!request->leader_code().empty() && request->leader_code() != LeaderCodeOf(principal)) {
      return DeniedRecord();
    }
    request->set_leader_code(LeaderCodeOf(principal));  // matches sub-contracted or commanded
    return absl::OkStatus();
  }
  return ScopeOwnerFilter(principal, request->mutable_unit_code());
}

absl::Status RequireOwnEnterpriseRequest(pqxx::transaction_base& tx, const Principal& principal,
                                         int64_t id) {
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  const pqxx::result row =
      tx.exec_params("SELECT unit_code FROM enterprise_requests WHERE id = $1", id);
  if (row.empty()) return absl::OkStatus();
  return RequireOwnRecord(principal, row[0][0].as<std::string>());
}

}  // namespace zs::project

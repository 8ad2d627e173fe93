#include "services/project/project_access.h"

#include "common/db/prepared.h"
#include "common/security/scope.h"
#include "services/project/queries.h"

namespace zs::project {

absl::Status RequireProject(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t project_id, ProjectAccess access) {
  if (SeesWholeDistrict(principal)) return absl::OkStatus();
  if (project_id <= 0) {
    return absl::PermissionDeniedError("name one of your projects (project_id)");
  }
  const pqxx::result row = Exec(tx, queries::kProjectOwners, project_id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  if (IsUnitScoped(principal)) {
    if (row[0]["unit_code"].as<std::string>() == principal.unit_code) return absl::OkStatus();
    const bool collected_it = row[0]["collected_by"].as<std::string>() == principal.unit_code;
    if (collected_it && access != ProjectAccess::kWrite) return absl::OkStatus();
    return DeniedRecord();
  }
  const bool leads_it = principal.kind == PrincipalKind::kLeader &&
                        (row[0]["leader_code"].as<std::string>() == LeaderCodeOf(principal) ||
                         row[0]["commander_code"].as<std::string>() == LeaderCodeOf(principal));
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
  if (!IsUnitScoped(principal)) return absl::OkStatus();
  const std::string& collected = request->collected_by_code();
  if (!collected.empty() && collected != principal.unit_code) return DeniedRecord();
  // An office is never a project's responsible unit: it sees what its leads became.
  if (principal.kind == PrincipalKind::kOfficeStaff || !collected.empty()) {
    if (!request->unit_code().empty()) return DeniedRecord();
    request->set_collected_by_code(principal.unit_code);
    return absl::OkStatus();
  }
  return ScopeOwnerFilter(principal, request->mutable_unit_code());
}

absl::Status RequireEnterpriseRequest(pqxx::transaction_base& tx, const Principal& principal,
                                      int64_t id, ProjectAccess access) {
  // No id names no record: the store's INVALID_ARGUMENT reveals nothing.
  if (SeesWholeDistrict(principal) || id <= 0) return absl::OkStatus();
  const pqxx::result row = Exec(tx, queries::kRequestOwners, id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  if (IsUnitScoped(principal)) {
    return RequireOwnRecord(principal, row[0]["unit_code"].as<std::string>());
  }
  const bool leads_it = principal.kind == PrincipalKind::kLeader &&
                        (row[0]["leader_code"].as<std::string>() == LeaderCodeOf(principal) ||
                         row[0]["commander_code"].as<std::string>() == LeaderCodeOf(principal));
  if (leads_it && access == ProjectAccess::kRead) return absl::OkStatus();
  return DeniedRecord();
}

absl::Status ScopeEnterpriseRequestList(
    const Principal& principal, zhaoshang::project::v1::ListEnterpriseRequestsRequest* request,
    std::string* leader_code) {
  if (principal.kind == PrincipalKind::kLeader) {
    *leader_code = LeaderCodeOf(principal);
    return absl::OkStatus();
  }
  return ScopeOwnerFilter(principal, request->mutable_unit_code());
}

}  // namespace zs::project

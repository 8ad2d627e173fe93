// The row scoping on top of the role table (each RPC's access option in
// project_service.proto): a unit works on the projects it is responsible for
// and the enterprise requests assigned to it; a leader reads the projects it
// sub-contracts (分包) or commands (指挥长); the bureau and service accounts
// see the whole district.
#pragma once

#include <cstdint>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/principal.h"
#include "common/security/access_policy.h"
#include "zhaoshang/project/v1/project_service.pb.h"

namespace zs::project {

// kLedger: adding progress to the ledger, which the collector of the lead
// a project came from may do besides reading it.
enum class ProjectAccess { kRead, kLedger, kWrite };

// For an existing project (0: "every project", which only the whole
// district may ask for): its unit reads and writes it; the unit or office
// that collected its lead reads it and adds to its ledger; its leader and
// commander read it. For anyone but the bureau and service accounts a
// missing project is PERMISSION_DENIED, the same answer as for another's,
// so a denial never tells which ids exist.
absl::Status RequireProject(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t project_id, ProjectAccess access);

// For a project about to be created with responsible unit `unit_code`.
absl::Status RequireOwnNewProject(const Principal& principal, const std::string& unit_code);

// Holds a list to what the principal may see: a leader to the projects it
// sub-contracts or commands, a unit to its own (or, asked for by
// collected_by_code, those its leads became), an office to those its leads
// became.
absl::Status ScopeProjectList(const Principal& principal,
                              zhaoshang::project::v1::ListProjectsRequest* request);

// For an existing enterprise request: units act on those assigned to them;
// leaders read those of the projects they sub-contract or command. Missing
// is PERMISSION_DENIED for them, as for RequireProject.
absl::Status RequireEnterpriseRequest(pqxx::transaction_base& tx, const Principal& principal,
                                      int64_t id, ProjectAccess access);

// For a list of enterprise requests: units are held to their own; a leader
// to the projects it leads (`*leader_code` is set to it, for the store).
absl::Status ScopeEnterpriseRequestList(
    const Principal& principal, zhaoshang::project::v1::ListEnterpriseRequestsRequest* request,
    std::string* leader_code);

}  // namespace zs::project

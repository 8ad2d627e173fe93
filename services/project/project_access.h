// Who may call which ProjectService RPC (the role table), and the row
// scoping on top of it: a unit works on the projects it is responsible for
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

const AccessPolicy& ProjectAccessPolicy();

enum class ProjectAccess { kRead, kWrite };

// For an existing project (0: "every project", which only the whole
// district may ask for). A missing project is left to the store's NOT_FOUND.
absl::Status RequireProject(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t project_id, ProjectAccess access);

// For a project about to be created with responsible unit `unit_code`.
absl::Status RequireOwnNewProject(const Principal& principal, const std::string& unit_code);

// Holds a list to what the principal may see.
absl::Status ScopeProjectList(const Principal& principal,
                              zhaoshang::project::v1::ListProjectsRequest* request);

// For an existing enterprise request: units act on those assigned to them.
absl::Status RequireOwnEnterpriseRequest(pqxx::transaction_base& tx, const Principal& principal,
                                         int64_t id);

}  // namespace zs::project

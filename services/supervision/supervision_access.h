// The row scoping on top of the role table (each RPC's access option in
// supervision_service.proto). The directory,
// targets, published rankings and bulletins are district-wide reading; a
// unit sees and completes only its own tasks, targets and sanctions.
#pragma once

#include <cstdint>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "common/principal.h"
#include "common/security/access_policy.h"

namespace zs::supervision {

// For a task: units act on their own; to them a missing task is
// PERMISSION_DENIED like another's (the bureau gets the store's NOT_FOUND).
absl::Status RequireOwnTask(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t task_id);

}  // namespace zs::supervision

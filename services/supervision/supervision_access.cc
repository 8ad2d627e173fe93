#include "services/supervision/supervision_access.h"

#include "common/db/prepared.h"
#include "common/security/scope.h"
#include "services/supervision/queries.h"

namespace zs::supervision {

absl::Status RequireOwnTask(pqxx::transaction_base& tx, const Principal& principal,
                            int64_t task_id) {
  // No id names no record: the store's INVALID_ARGUMENT reveals nothing.
  if (!IsUnitScoped(principal) || task_id <= 0) return absl::OkStatus();
  const pqxx::result row = Exec(tx, queries::kTaskOwner, task_id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  return RequireOwnRecord(principal, row[0]["unit_code"].as<std::string>());
}

}  // namespace zs::supervision

#include "services/lead/lead_access.h"

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/security/scope.h"

namespace zs::lead {

absl::Status RequireOwnRow(pqxx::transaction_base& tx, const Principal& principal,
                           const Query& owner, int64_t id) {
  // No id names no record: the store's INVALID_ARGUMENT reveals nothing.
  if (!IsUnitScoped(principal) || id <= 0) return absl::OkStatus();
  const pqxx::result row = ExecPrepared(tx, owner, id);
  if (row.empty()) return DeniedRecord();  // the same answer as for another's record
  return RequireOwnUnitOrOffice(principal, row[0]["unit_code"].as<std::string>(),
                                row[0]["office_code"].as<std::string>());
}

}  // namespace zs::lead

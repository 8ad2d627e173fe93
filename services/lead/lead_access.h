// The row scoping on top of the role table (each RPC's access option in
// lead_service.proto): units and offices create, read and change only their own
// activities, leads and follow-ups; enterprises and referrers are the
// district's shared registry.
#pragma once

#include <cstdint>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "common/db/query.h"
#include "common/principal.h"
#include "common/security/access_policy.h"

namespace zs::lead {

// For the row `owner` (queries::kLeadOwner or kActivityOwner) reads: units
// and offices act on their own. To them a missing row is PERMISSION_DENIED, the same answer as
// another's, so a denial never tells which ids exist; the bureau and
// service accounts get the store's NOT_FOUND.
absl::Status RequireOwnRow(pqxx::transaction_base& tx, const Principal& principal,
                           const Query& owner, int64_t id);

}  // namespace zs::lead

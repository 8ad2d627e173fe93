// The audit trail: every row a mutation changes is recorded, in the same
// transaction, by a trigger on each of the service's tables — who, when,
// which RPC and request id, and the row before and after. Because it is the
// same transaction, a failed or denied call leaves no audit row and a
// committed change always has one. The transaction learns who is changing
// rows when its request_id is claimed (see idempotency.h).
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "common/rpc.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs {

// Creates (or refreshes) the schema's audit_log table and trigger function
// and attaches the trigger to every table of the schema that lacks it, so a
// table added by a later migration is audited too. Run by ApplyMigrations
// after a service's own migrations, with search_path set to the schema.
void InstallAuditTriggers(pqxx::transaction_base& tx);

absl::Status ListAuditEvents(pqxx::transaction_base& tx,
                             const zhaoshang::common::v1::ListAuditEventsRequest& request,
                             zhaoshang::common::v1::ListAuditEventsResponse* response);

}  // namespace zs

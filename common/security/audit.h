// The audit trail: every row a mutation changes is recorded, in the same
// transaction, by a trigger on each of the service's tables — who, when,
// which RPC and request id, and the row before and after. Because it is the
// same transaction, a failed call leaves no change row and a committed
// change always has one. The transaction learns who is changing rows when
// its request_id is claimed (see idempotency.h). Refused calls are recorded
// too (RecordDenial). The rows live in audit.events, partitioned by month
// and insert-only for the services' roles (deploy/k8s/base/db/audit.sql).
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/db/worker_pool.h"
#include "common/rpc.h"
#include "zhaoshang/common/v1/common.pb.h"

namespace zs {

// Creates (or refreshes) the schema's trigger function and attaches the
// trigger to every table of the schema that lacks it, so a table added by a
// later migration is audited too; makes sure the coming months' partitions
// exist. Run by ApplyMigrations after a service's own migrations, with
// search_path set to the schema. Throws when audit.sql has not been run.
void InstallAuditTriggers(pqxx::transaction_base& tx);

// Records a refused call (PERMISSION_DENIED): who (the principal and the
// person it acts for), what (method, request id), when (now), why (`reason`,
// the message the caller got) and from where (`peer`). Failures are logged,
// never returned: the caller's answer is the refusal either way.
void RecordDenial(ConnectionSlot& slot, const CallContext& call, absl::string_view request_id,
                  absl::string_view peer, absl::string_view reason);

absl::Status ListAuditEvents(pqxx::transaction_base& tx,
                             const zhaoshang::common::v1::ListAuditEventsRequest& request,
                             zhaoshang::common::v1::ListAuditEventsResponse* response);

}  // namespace zs

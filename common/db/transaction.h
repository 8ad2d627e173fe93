// Runs a unit of database work with the failure policy every service shares:
// - serialization failures and deadlocks are retried (up to 5 attempts);
// - a broken connection is reopened and the work retried once, which is safe
//   because mutations are idempotent by request_id (see idempotency.h);
// - the call's deadline bounds every statement (see
//   ConnectionSlot::BoundStatementTime), so a cancelled call's work is
//   stopped and rolled back server-side;
// - anything else becomes a gRPC-mappable status, never an escaped exception.
#pragma once

#include <functional>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"

namespace zs {

using TransactionBody = std::function<absl::Status(pqxx::transaction_base&)>;

// `body` in one read-write transaction: all of it commits or none of it.
absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body);

// `body`'s statements each on their own, outside a transaction block: for
// reads, which under READ COMMITTED see a fresh snapshot per statement
// either way, so BEGIN and COMMIT would only add two round trips. A body
// that needs transaction-local settings (SET LOCAL) uses RunTransaction.
absl::Status RunStatements(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body);

// Maps a libpqxx exception to a status; exposed for code that runs SQL
// outside RunTransaction (migrations, tools).
absl::Status StatusFromDatabaseError(const std::exception& error);

}  // namespace zs

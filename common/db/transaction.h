// Runs a unit of work in one PostgreSQL transaction with the failure policy
// every service shares:
// - serialization failures and deadlocks are retried (up to 5 attempts);
// - a broken connection is reopened and the work retried once, which is safe
//   because mutations are idempotent by request_id (see idempotency.h);
// - the call's deadline becomes the statement_timeout, so a cancelled call's
//   transaction is stopped and rolled back server-side;
// - anything else becomes a gRPC-mappable status, never an escaped exception.
#pragma once

#include <functional>
#include <pqxx/pqxx>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"

namespace zs {

using TransactionBody = std::function<absl::Status(pqxx::work&)>;

absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body);

// Maps a libpqxx exception to a status; exposed for code that runs SQL
// outside RunTransaction (migrations, tools).
absl::Status StatusFromDatabaseError(const std::exception& error);

}  // namespace zs

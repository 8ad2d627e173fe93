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

// Work a transaction sends in the same round trip as its BEGIN and its
// COMMIT, so those two carry work instead of costing a trip each. Both are
// single statements of plain SQL (the simple query protocol, which takes no
// parameters): every value in them is quoted with the connection's quote().
struct TransactionEdges {
  // Sent as "BEGIN; <statement>"; its result is handed to the body.
  std::function<std::string(pqxx::connection_base&)> with_begin;
  // Made once the body succeeded; sent as "<statement>; COMMIT" (none when
  // unset or when it makes an empty string).
  std::function<std::string(pqxx::connection_base&)> before_commit;
};
using EdgedTransactionBody =
    std::function<absl::Status(pqxx::transaction_base&, const pqxx::result& begun)>;

absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline,
                            const TransactionEdges& edges, const EdgedTransactionBody& body);

// `body`'s statements each on their own, outside a transaction block: for
// reads, which under READ COMMITTED see a fresh snapshot per statement
// either way, so BEGIN and COMMIT would only add two round trips. A body
// that needs transaction-local settings (SET LOCAL) uses RunTransaction.
absl::Status RunStatements(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body);

// Maps a libpqxx exception to a status; exposed for code that runs SQL
// outside RunTransaction (migrations, tools).
absl::Status StatusFromDatabaseError(const std::exception& error);

}  // namespace zs

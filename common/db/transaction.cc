#include "common/db/transaction.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/logging.h"
#include "common/telemetry/metrics.h"

namespace zs {
namespace {

constexpr int kMaxAttempts = 5;
constexpr char kQueryCanceled[] = "57014";

}  // namespace

absl::Status StatusFromDatabaseError(const std::exception& error) {
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    metrics::CountStatementError(sql->sqlstate());
  } else if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    metrics::CountStatementError("08");  // connection exception
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) {
    return absl::UnavailableError("lost the database connection; retry with the same request_id");
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) {
    return absl::UnavailableError(
        "the database connection broke while committing; the outcome is "
        "unknown: retry with the same request_id to learn it");
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    if (sql->sqlstate() == kQueryCanceled) {
      return absl::DeadlineExceededError(
          "the call's deadline passed; its changes were rolled back");
    }
    if (dynamic_cast<const pqxx::unique_violation*>(&error) != nullptr) {
      return absl::AlreadyExistsError("the record already exists");
    }
    if (dynamic_cast<const pqxx::foreign_key_violation*>(&error) != nullptr) {
      return absl::FailedPreconditionError("a referenced record does not exist");
    }
    if (dynamic_cast<const pqxx::check_violation*>(&error) != nullptr) {
      // The constraint's text stays in the log; callers learn only the kind.
      LogWarning(absl::StrCat("check constraint failed: ", sql->what()));
      return absl::InvalidArgumentError("a value is out of the allowed range");
    }
  }
  LogError(absl::StrCat("database error: ", error.what()));
  return absl::InternalError("internal database error");
}

namespace {

enum class Block { kTransaction, kAutocommit };

// After a failed statement the server's transaction is aborted but open:
// end it, or give up the connection when even that fails.
void RollBack(ConnectionSlot& slot) {
  try {
    absl::StatusOr<pqxx::connection*> connection = slot.Get();
    if (connection.ok()) pqxx::nontransaction(**connection).exec("ROLLBACK");
  } catch (const std::exception&) {
    slot.Reset();
  }
}

// libpqxx's own transaction classes spend a round trip on BEGIN and one on
// COMMIT; the block is driven by hand so both can carry work (see
// TransactionEdges).
absl::Status Run(ConnectionSlot& slot, absl::Time deadline, Block block,
                 const TransactionEdges& edges, const EdgedTransactionBody& body) {
  bool reconnected = false;
  for (int attempt = 1;; ++attempt) {
    const absl::Duration remaining = deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(
          "the call's deadline passed before its transaction could run");
    }
    ZS_ASSIGN_OR_RETURN(pqxx::connection * connection, slot.Get());
    bool open = false, committing = false;
    try {
      slot.BoundStatementTime(remaining);
      pqxx::nontransaction tx(*connection);
      if (block == Block::kAutocommit) return body(tx, pqxx::result());
      open = true;
      const pqxx::result begun =
          tx.exec(edges.with_begin ? absl::StrCat("BEGIN; ", edges.with_begin(*connection))
                                   : std::string("BEGIN"));
      absl::Status status = body(tx, begun);
      if (!status.ok()) {
        tx.exec("ROLLBACK");
        return status;
      }
      // Statements each had time left, but together they may have run past
      // the caller's deadline: then the caller was told DEADLINE_EXCEEDED
      // and must not find the change made after all.
      if (absl::Now() >= deadline) {
        tx.exec("ROLLBACK");
        return absl::DeadlineExceededError(
            "the call's deadline passed before its transaction could commit; nothing was "
            "changed");
      }
      committing = true;
      const std::string before_commit =
          edges.before_commit ? edges.before_commit(*connection) : std::string();
      tx.exec(before_commit.empty() ? std::string("COMMIT")
                                    : absl::StrCat(before_commit, "; COMMIT"));
      return absl::OkStatus();
    } catch (const pqxx::broken_connection& e) {
      slot.Reset();
      if (committing) {
        return absl::UnavailableError(
            "the database connection broke while committing; the outcome is "
            "unknown: retry with the same request_id to learn it");
      }
      if (reconnected) return StatusFromDatabaseError(e);
      reconnected = true;
    } catch (const std::exception& e) {
      if (open) RollBack(slot);
      // Serialization failure or deadlock: nothing was written; try again.
      if (dynamic_cast<const pqxx::transaction_rollback*>(&e) == nullptr) {
        return StatusFromDatabaseError(e);
      }
      metrics::CountStatementError("40");  // transaction rollback (libpqxx 6 keeps no SQLSTATE)
      if (attempt >= kMaxAttempts) {
        return absl::AbortedError("the record is busy (concurrent updates); retry");
      }
    }
  }
}

absl::Status Run(ConnectionSlot& slot, absl::Time deadline, Block block,
                 const TransactionBody& body) {
  return Run(slot, deadline, block, TransactionEdges{},
             [&](pqxx::transaction_base& tx, const pqxx::result&) { return body(tx); });
}

}  // namespace

absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline,
                            const TransactionBody& body) {
  return Run(slot, deadline, Block::kTransaction, body);
}

absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline,
                            const TransactionEdges& edges, const EdgedTransactionBody& body) {
  return Run(slot, deadline, Block::kTransaction, edges, body);
}

absl::Status RunStatements(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body) {
  return Run(slot, deadline, Block::kAutocommit, body);
}

}  // namespace zs

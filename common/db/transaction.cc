#include "common/db/transaction.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/logging.h"

namespace zs {
namespace {

constexpr int kMaxAttempts = 5;
constexpr char kQueryCanceled[] = "57014";

// Thrown inside the transaction to roll back while carrying the status out.
struct Rollback {
  absl::Status status;
};

}  // namespace

absl::Status StatusFromDatabaseError(const std::exception& error) {
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

absl::Status Run(ConnectionSlot& slot, absl::Time deadline, Block block,
                 const TransactionBody& body) {
  bool reconnected = false;
  for (int attempt = 1;; ++attempt) {
    const absl::Duration remaining = deadline - absl::Now();
    if (remaining <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(
          "the call's deadline passed before its transaction could run");
    }
    absl::StatusOr<pqxx::connection*> connection = slot.Get();
    if (!connection.ok()) return connection.status();
    try {
      slot.BoundStatementTime(remaining);
      absl::Status status;
      if (block == Block::kTransaction) {
        pqxx::work tx(**connection);
        status = body(tx);
        if (!status.ok()) throw Rollback{std::move(status)};
        tx.commit();
      } else {
        pqxx::nontransaction statements(**connection);
        status = body(statements);
      }
      return status;
    } catch (const Rollback& rollback) {
      return rollback.status;
    } catch (const pqxx::transaction_rollback& e) {
      // Serialization failure or deadlock: nothing was written; try again.
      if (attempt >= kMaxAttempts)
        return absl::AbortedError("the record is busy (concurrent updates); retry");
    } catch (const pqxx::in_doubt_error& e) {
      slot.Reset();
      return StatusFromDatabaseError(e);
    } catch (const pqxx::broken_connection& e) {
      slot.Reset();
      if (reconnected) return StatusFromDatabaseError(e);
      reconnected = true;
    } catch (const std::exception& e) {
      return StatusFromDatabaseError(e);
    }
  }
}

}  // namespace

absl::Status RunTransaction(ConnectionSlot& slot, absl::Time deadline,
                            const TransactionBody& body) {
  return Run(slot, deadline, Block::kTransaction, body);
}

absl::Status RunStatements(ConnectionSlot& slot, absl::Time deadline, const TransactionBody& body) {
  return Run(slot, deadline, Block::kAutocommit, body);
}

}  // namespace zs

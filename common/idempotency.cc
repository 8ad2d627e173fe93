#include "common/idempotency.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/queries.h"
#include "common/validation.h"

namespace zs {

namespace {

// INVALID_ARGUMENT unless the recorded call (columns method, request_hash,
// principal) is this one.
absl::Status CheckSameRequest(const IdempotentCall& call, const std::string& request_hash,
                              const pqxx::row& recorded) {
  // A stored answer goes back only to whoever asked for it: another caller
  // reusing (or guessing) the id learns nothing of the first call.
  if (recorded["principal"].as<std::string>() != call.principal) {
    return InvalidField("request_id",
                        "was already used by another caller; generate a new id for a new request");
  }
  const std::string method = recorded["method"].as<std::string>();
  if (method != call.method || recorded["request_hash"].as<std::string>() != request_hash) {
    return InvalidField("request_id",
                        absl::StrCat("was already used for a different ", method,
                                     " request; generate a new id for a new request"));
  }
  return absl::OkStatus();
}

// Fills `response` from a stored answer (column response of
// idempotency.find), false when there is none.
absl::StatusOr<bool> ParseStored(const pqxx::row& recorded, google::protobuf::Message* response) {
  if (recorded["response"].is_null()) return false;
  const pqxx::binarystring stored(recorded["response"]);
  if (!response->ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
    return absl::InternalError("stored response for request_id is unreadable");
  }
  return true;
}

absl::StatusOr<bool> ReplayStored(pqxx::transaction_base& tx, const IdempotentCall& call,
                                  const std::string& request_hash,
                                  google::protobuf::Message* response) {
  const pqxx::result rows = Exec(tx, queries::kIdempotencyFind, std::string(call.request_id));
  if (rows.empty()) return false;
  ZS_RETURN_IF_ERROR(CheckSameRequest(call, request_hash, rows[0]));
  return ParseStored(rows[0], response);
}

// Attempts of a one-statement mutation that collided with another request:
// the second sees what that one committed.
constexpr int kStatementAttempts = 2;

}  // namespace

absl::StatusOr<bool> ReplayCompleted(pqxx::transaction_base& tx, const IdempotentCall& call,
                                     google::protobuf::Message* response) {
  ZS_RETURN_IF_ERROR(ValidateRequestId(call.request_id));
  return ReplayStored(tx, call, MessageFingerprint(*call.request, {"request_id"}), response);
}

absl::Status RunIdempotentTransaction(ConnectionSlot& slot, absl::Time deadline,
                                      const IdempotentCall& call,
                                      google::protobuf::Message* response,
                                      const TransactionBody& mutate) {
  ZS_RETURN_IF_ERROR(ValidateRequestId(call.request_id));
  const std::string request_hash = MessageFingerprint(*call.request, {"request_id"});
  TransactionEdges edges;
  // The claim rides with BEGIN and the answer with COMMIT.
  edges.with_begin = [&](pqxx::connection_base& c) {
    return absl::Substitute(queries::kIdempotencyClaim.sql, c.quote(std::string(call.request_id)),
                            c.quote(std::string(call.method)), c.quote(request_hash),
                            c.quote(std::string(call.principal)),
                            c.quote(std::string(call.on_behalf_of)));
  };
  bool replayed = false;
  edges.before_commit = [&](pqxx::connection_base& c) -> std::string {
    if (replayed) return std::string();
    const std::string bytes = response->SerializeAsString();
    return absl::Substitute(
        queries::kIdempotencyStoreResponse.sql, c.quote(std::string(call.request_id)),
        c.quote_raw(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
  };
  return RunTransaction(
      slot, deadline, edges, [&](pqxx::transaction_base& tx, const pqxx::result& claimed) {
        response->Clear();  // a retried attempt starts afresh
        replayed = claimed.empty();
        if (replayed) {
          // The first call committed (we waited on its row): answer as it did.
          ZS_ASSIGN_OR_RETURN(bool stored, ReplayStored(tx, call, request_hash, response));
          if (!stored) return absl::InternalError("request_id claimed without a response");
          return absl::OkStatus();
        }
        return mutate(tx);
      });
}

absl::Status RunIdempotentStatement(ConnectionSlot& slot, absl::Time deadline,
                                    const IdempotentCall& call, google::protobuf::Message* response,
                                    const OneStatementMutation& mutate,
                                    const RecordedRowRenderer& render) {
  ZS_RETURN_IF_ERROR(ValidateRequestId(call.request_id));
  const StatementClaim claim{std::string(call.request_id), std::string(call.method),
                             MessageFingerprint(*call.request, {"request_id"}),
                             std::string(call.principal), std::string(call.on_behalf_of)};
  for (int attempt = 1;; ++attempt) {
    bool run_again = false;
    absl::Status status = RunStatements(slot, deadline, [&](pqxx::transaction_base& tx) {
      response->Clear();  // a retried attempt starts afresh
      absl::Status outcome;
      bool collided = false;
      try {
        outcome = mutate(tx, claim);
      } catch (const pqxx::unique_violation& e) {
        // A row our statement wrote was committed first by a concurrent
        // call: this very request (a duplicate in flight), or another that
        // took a value which must stay unique. Nothing of ours was written.
        outcome = StatusFromDatabaseError(e);
        collided = true;
      }
      if (outcome.ok()) return outcome;
      // Refused or collided: the request may have been done before (a
      // retry finds the first call's changes in its way). Then answer as
      // the first call did; the lookup costs nothing on the path that works.
      const pqxx::result recorded = Exec(tx, queries::kIdempotencyFind, claim.request_id);
      if (recorded.empty()) {
        // Collided with another request's row: run again, so the
        // statement's own checks name the conflict.
        run_again = collided && attempt < kStatementAttempts;
        return outcome;
      }
      ZS_RETURN_IF_ERROR(CheckSameRequest(call, claim.request_hash, recorded[0]));
      // Recorded by a transaction (before this method became one statement)?
      absl::StatusOr<bool> stored = ParseStored(recorded[0], response);
      if (!stored.ok() || *stored) return stored.status();
      return render(tx, claim.request_id, response);
    });
    if (!run_again) return status;
  }
}

}  // namespace zs

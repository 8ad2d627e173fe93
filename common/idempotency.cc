#include "common/idempotency.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/substitute.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/validation.h"

namespace zs {

namespace {

absl::StatusOr<bool> ReplayStored(pqxx::transaction_base& tx, const IdempotentCall& call,
                                  const std::string& request_hash,
                                  google::protobuf::Message* response) {
  const pqxx::result rows = tx.exec_params(
      "SELECT method, request_hash, response, principal FROM idempotency_keys "
      "WHERE request_id = $1",
      std::string(call.request_id));
  if (rows.empty() || rows[0][2].is_null()) return false;
  // A stored answer goes back only to whoever asked for it: another caller
  // reusing (or guessing) the id learns nothing of the first call.
  if (rows[0][3].as<std::string>() != call.principal) {
    return InvalidField("request_id",
                        "was already used by another caller; generate a new id for a new request");
  }
  if (rows[0][0].as<std::string>() != call.method || rows[0][1].as<std::string>() != request_hash) {
    return InvalidField(
        "request_id",
        absl::StrCat("was already used for a different ", rows[0][0].as<std::string>(),
                     " request; generate a new id for a new request"));
  }
  const pqxx::binarystring stored(rows[0][2]);
  if (!response->ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
    return absl::InternalError("stored response for request_id is unreadable");
  }
  return true;
}

// Claims the request id and tags the transaction for the audit triggers.
// set_config(…, true) lasts until the transaction ends; its results feed the
// insert, so none of them can be planned away. Both statements here travel
// as plain SQL beside BEGIN and COMMIT (absl::Substitute templates over
// quoted values), planned afresh each time: a plan cached while the table
// was small would keep scanning it whole as a burst of calls grows it.
constexpr char kClaim[] =
    "INSERT INTO idempotency_keys (request_id, method, request_hash, principal) "
    "SELECT tag.request_id, tag.method, $2, tag.principal FROM ("
    "  SELECT set_config('zs.request_id', $0, true) AS request_id,"
    "         set_config('zs.method', $1, true) AS method,"
    "         set_config('zs.principal', $3, true) AS principal,"
    "         set_config('zs.on_behalf_of', $4, true) AS on_behalf_of) AS tag "
    "WHERE tag.on_behalf_of IS NOT NULL "
    "ON CONFLICT (request_id) DO NOTHING RETURNING 1";
constexpr char kStoreResponse[] = "UPDATE idempotency_keys SET response = $1 WHERE request_id = $0";

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
    return absl::Substitute(kClaim, c.quote(std::string(call.request_id)),
                            c.quote(std::string(call.method)), c.quote(request_hash),
                            c.quote(std::string(call.principal)),
                            c.quote(std::string(call.on_behalf_of)));
  };
  bool replayed = false;
  edges.before_commit = [&](pqxx::connection_base& c) -> std::string {
    if (replayed) return std::string();
    const std::string bytes = response->SerializeAsString();
    return absl::Substitute(
        kStoreResponse, c.quote(std::string(call.request_id)),
        c.quote_raw(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()));
  };
  return RunTransaction(
      slot, deadline, edges, [&](pqxx::transaction_base& tx, const pqxx::result& claimed) {
        response->Clear();  // a retried attempt starts afresh
        replayed = claimed.empty();
        if (replayed) {
          // The first call committed (we waited on its row): answer as it did.
          absl::StatusOr<bool> stored = ReplayStored(tx, call, request_hash, response);
          if (!stored.ok()) return stored.status();
          if (!*stored) return absl::InternalError("request_id claimed without a response");
          return absl::OkStatus();
        }
        return mutate(tx);
      });
}

}  // namespace zs

#include "common/idempotency.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "common/validation.h"

namespace zs {

absl::Status RunIdempotent(pqxx::work& tx, const IdempotentCall& call,
                           google::protobuf::Message* response,
                           const std::function<absl::Status()>& mutate) {
  if (absl::Status valid = ValidateRequestId(call.request_id); !valid.ok()) {
    return valid;
  }
  const std::string request_hash = MessageFingerprint(*call.request, {"request_id"});
  const pqxx::result claimed = tx.exec_params(
      "INSERT INTO idempotency_keys (request_id, method, request_hash, principal) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (request_id) DO NOTHING RETURNING 1",
      std::string(call.request_id), std::string(call.method), request_hash,
      std::string(call.principal));
  if (claimed.empty()) {
    const pqxx::row first = tx.exec_params1(
        "SELECT method, request_hash, response FROM idempotency_keys "
        "WHERE request_id = $1",
        std::string(call.request_id));
    if (first[0].as<std::string>() != call.method || first[1].as<std::string>() != request_hash) {
      return InvalidField("request_id", absl::StrCat("was already used for a different ",
                                                     first[0].as<std::string>(),
                                                     " request; generate a new id for a new "
                                                     "request"));
    }
    const pqxx::binarystring stored(first[2]);
    if (!response->ParseFromArray(stored.data(), static_cast<int>(stored.size()))) {
      return absl::InternalError("stored response for request_id is unreadable");
    }
    return absl::OkStatus();
  }
  if (absl::Status status = mutate(); !status.ok()) return status;
  const std::string bytes = response->SerializeAsString();
  tx.exec_params0("UPDATE idempotency_keys SET response = $2 WHERE request_id = $1",
                  std::string(call.request_id), pqxx::binarystring(bytes));
  return absl::OkStatus();
}

}  // namespace zs

// Exactly-once mutations by client request_id (AIP-155).
//
// In the mutation's own transaction the request_id is first *claimed*
// (INSERT … ON CONFLICT DO NOTHING into the service's idempotency_keys table).
// A concurrent duplicate blocks on that row until the first transaction ends:
// if it committed, the duplicate reads and returns the stored response; if it
// rolled back, the duplicate proceeds as the first. The response is stored in
// the same transaction as the change, so "acknowledged" and "recorded" can
// never disagree. Reusing a request_id for a different request is rejected.
//
// The claim also tags the transaction for the audit triggers (zs.principal,
// zs.on_behalf_of, zs.method, zs.request_id; see security/audit.h) in the
// same statement, so every audited change names its caller at no extra
// round trip.
//
// Each service's first migration creates:
//   CREATE TABLE idempotency_keys (request_id text PRIMARY KEY,
//     method text NOT NULL, request_hash text NOT NULL, response bytea,
//     principal text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/transaction.h"
#include "common/db/worker_pool.h"

namespace zs {

struct IdempotentCall {
  absl::string_view method;
  absl::string_view request_id;
  absl::string_view principal;
  const google::protobuf::Message* request;
  absl::string_view on_behalf_of = {};  // whom a service account acts for
};

// When `call.request_id` already completed, fills `response` with its
// outcome and returns true; false when it is new. INVALID_ARGUMENT when the
// id was used for a different request.
absl::StatusOr<bool> ReplayCompleted(pqxx::transaction_base& tx, const IdempotentCall& call,
                                     google::protobuf::Message* response);

// Runs `mutate` in one transaction unless the request_id was already used:
// then fills `response` with the first outcome instead. The claim travels
// with BEGIN and the stored answer with COMMIT, so exactly-once costs no
// round trip of its own.
absl::Status RunIdempotentTransaction(ConnectionSlot& slot, absl::Time deadline,
                                      const IdempotentCall& call,
                                      google::protobuf::Message* response,
                                      const TransactionBody& mutate);

// ---- One-statement mutations ----
//
// A mutation that fits in one statement needs no transaction block: the
// statement is atomic on its own, so the call costs one round trip instead
// of three (BEGIN with the claim, the work, the answer with COMMIT). The
// statement records its request id itself (services/lead/queries/
// lead.create.sql is one, whole):
//   WITH claim AS (…set_config('zs.request_id', …) …) — tags the statement
//   for the audit triggers;
//   …its checks and changes…;
//   record AS (INSERT INTO idempotency_keys … to_jsonb(<changed row>)) —
//   inserts the id's record, the changed row as the answer. A request id
//   recorded before makes this insert fail, which undoes the whole
//   statement.
// The record is read only when the statement was refused or collided with
// a concurrent one: a retry then gets the first answer, rendered again from
// the recorded row (the row as it was created, with whatever the renderer
// joins to it as it is now). The service's idempotency_keys needs a column
// `response_row jsonb`.

// The values of the claim's parameters, in this order.
struct StatementClaim {
  std::string request_id, method, request_hash, principal, on_behalf_of;
};

// Runs the statement and fills the response.
using OneStatementMutation =
    std::function<absl::Status(pqxx::transaction_base&, const StatementClaim&)>;
// Fills the response from the row recorded for a request id.
using RecordedRowRenderer = std::function<absl::Status(
    pqxx::transaction_base&, const std::string& request_id, google::protobuf::Message*)>;

// `mutate` once per request_id; a repeat gets the first answer from `render`.
absl::Status RunIdempotentStatement(ConnectionSlot& slot, absl::Time deadline,
                                    const IdempotentCall& call, google::protobuf::Message* response,
                                    const OneStatementMutation& mutate,
                                    const RecordedRowRenderer& render);

}  // namespace zs

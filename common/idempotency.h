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

}  // namespace zs

// Runs a unary RPC of the callback API on the database worker pool, so
// blocking libpqxx work never holds a gRPC callback thread. It also gives
// every call the same edges: the caller's Principal and deadline (capped, so
// no call runs unbounded), cancellation checks, AIP-193 error details, its
// span in the caller's trace, metrics, and one structured log line (method,
// code, latency, principal and the person it acts for, client address,
// request_id, trace_id/span_id; for a refused call why and which token).
#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/idempotency.h"
#include "common/principal.h"
#include "common/security/access_policy.h"
#include "common/security/gatekeeper.h"
#include "common/telemetry/trace_context.h"

namespace zs {

struct CallContext {
  std::string method;
  Principal principal;
  absl::Time deadline;
  // This call's span: the caller's W3C traceparent continued, or a new
  // trace. Calls made on its behalf carry it on (outbound.h).
  TraceContext trace;
};

// What makes `request`, made by `call`'s caller, exactly-once (see
// idempotency.h). `request_id` and `request` must outlive the result.
IdempotentCall IdempotencyOf(const CallContext& call, absl::string_view request_id,
                             const google::protobuf::Message& request);

class RpcExecutor {
 public:
  using Work = std::function<absl::Status(const CallContext&, ConnectionSlot&)>;

  // Every call is admitted by `gatekeeper` (authentication, rate) and
  // checked against `policy` (the role table) before anything else runs.
  RpcExecutor(WorkerPool& pool, absl::Duration max_call_time, const Gatekeeper& gatekeeper,
              const AccessPolicy& policy)
      : pool_(pool), max_call_time_(max_call_time), gatekeeper_(gatekeeper), policy_(policy) {}

  using Body = std::function<absl::Status(pqxx::transaction_base&, const CallContext&)>;

  RpcExecutor(const RpcExecutor&) = delete;
  RpcExecutor& operator=(const RpcExecutor&) = delete;

  grpc::ServerUnaryReactor* Run(grpc::CallbackServerContext* context,
                                const google::protobuf::Message& request, Work work);

  // A read: `body`'s statements run each on its own (no BEGIN/COMMIT round
  // trips; see RunStatements) and fill `response`.
  grpc::ServerUnaryReactor* Read(grpc::CallbackServerContext* context,
                                 const google::protobuf::Message& request,
                                 google::protobuf::Message* response, Body body) {
    return ReadWith(context, request, response, std::move(body), false, false);
  }

  // A read that may lag the primary by the replica's replay delay (lists,
  // drill-downs, aggregates for reports): run as Read, on the read-only
  // endpoint when the service has one (--db_read_conninfo). A refusal is
  // still recorded on the primary. Never for a read that must see the
  // caller's own write (a Get after an update, an etag check).
  grpc::ServerUnaryReactor* ReadFromReplica(grpc::CallbackServerContext* context,
                                            const google::protobuf::Message& request,
                                            google::protobuf::Message* response, Body body) {
    return ReadWith(context, request, response, std::move(body), false, true);
  }

  // A read whose statements share a transaction, for bodies that set
  // transaction-local settings (SET LOCAL) for the statements after.
  grpc::ServerUnaryReactor* ReadInTransaction(grpc::CallbackServerContext* context,
                                              const google::protobuf::Message& request,
                                              google::protobuf::Message* response, Body body) {
    return ReadWith(context, request, response, std::move(body), true, false);
  }

  // A mutation: one transaction, exactly once per request_id (the request's
  // `request_id` field); `response` is what a retry gets back. The
  // transaction is tagged with the caller, method and request id, which the
  // audit triggers record with each changed row's before and after.
  grpc::ServerUnaryReactor* Mutate(grpc::CallbackServerContext* context,
                                   const google::protobuf::Message& request,
                                   google::protobuf::Message* response, Body body);

  // A mutation done in one statement that records its own request id (see
  // RunIdempotentStatement): one round trip; a repeat is answered by
  // `render` from the recorded row.
  using StatementBody = std::function<absl::Status(pqxx::transaction_base&, const CallContext&,
                                                   const StatementClaim&)>;
  grpc::ServerUnaryReactor* MutateInOneStatement(grpc::CallbackServerContext* context,
                                                 const google::protobuf::Message& request,
                                                 google::protobuf::Message* response,
                                                 StatementBody body, RecordedRowRenderer render);

  // A mutation that must first check something outside its own database
  // (another service) before it can run. A retry of a completed request is
  // answered from the idempotency record without checking again.
  using Precheck = std::function<absl::Status(const CallContext&)>;
  grpc::ServerUnaryReactor* MutateAfter(grpc::CallbackServerContext* context,
                                        const google::protobuf::Message& request,
                                        google::protobuf::Message* response, Precheck precheck,
                                        Body body);

 private:
  grpc::ServerUnaryReactor* ReadWith(grpc::CallbackServerContext* context,
                                     const google::protobuf::Message& request,
                                     google::protobuf::Message* response, Body body,
                                     bool in_transaction, bool from_replica);

  WorkerPool& pool_;
  absl::Duration max_call_time_;
  const Gatekeeper& gatekeeper_;
  const AccessPolicy& policy_;
};

}  // namespace zs

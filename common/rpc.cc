#include "common/rpc.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/idempotency.h"
#include "common/logging.h"
#include "common/readiness.h"
#include "common/request_limits.h"
#include "common/request_parsing.h"
#include "common/security/audit.h"
#include "common/telemetry/metrics.h"
#include "common/validation.h"

namespace zs {
namespace {

std::string RequestIdOf(const google::protobuf::Message& request) {
  const auto* field = request.GetDescriptor()->FindFieldByName("request_id");
  if (field == nullptr || field->type() != google::protobuf::FieldDescriptor::TYPE_STRING) {
    return {};
  }
  return request.GetReflection()->GetString(request, field);
}

// What the log line says about a call beyond its outcome.
struct CallFacts {
  std::string request_id;
  std::string peer;
  AdmissionFailure refused;  // empty unless the gatekeeper refused the call
};

void FinishCall(grpc::ServerUnaryReactor* reactor, const CallContext& call, const CallFacts& facts,
                absl::Time started, const absl::Status& status) {
  const absl::Duration took = absl::Now() - started;
  const std::string code = absl::StatusCodeToString(status.code());
  metrics::RpcFinished(call.method, code, took);
  LogCall({.method = call.method,
           .code = code,
           .latency_ms = absl::ToDoubleMilliseconds(took),
           .principal = call.principal.id,
           .on_behalf_of = call.principal.on_behalf_of,
           .request_id = facts.request_id,
           .peer = facts.peer,
           .trace_id = call.trace.trace_id,
           .span_id = call.trace.span_id,
           .parent_span_id = call.trace.parent_span_id,
           .refusal = facts.refused.reason,
           .token_id = facts.refused.token_id,
           .error = status.ok() ? absl::string_view() : status.message()});
  reactor->Finish(ToGrpcStatus(status));
}

std::optional<TraceContext> IncomingTrace(const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kTraceparentMetadataKey);
  if (it == metadata.end()) return std::nullopt;
  return ParseTraceparent(absl::string_view(it->second.data(), it->second.size()));
}

// The RPC `request` is the request message of: its short name
// ("CreateLead"), for the role table, metrics, logs and the idempotency
// record. A message no RPC of the service takes (a wiring mistake) gets its
// own type's name, which no role-table entry has, so the call is refused.
std::string MethodName(const AccessPolicy& policy, const google::protobuf::Message& request) {
  const google::protobuf::MethodDescriptor* method = policy.MethodTaking(*request.GetDescriptor());
  return method != nullptr ? method->name() : request.GetDescriptor()->full_name();
}

}  // namespace

IdempotentCall IdempotencyOf(const CallContext& call, absl::string_view request_id,
                             const google::protobuf::Message& request) {
  return {.method = call.method,
          .request_id = request_id,
          .principal = call.principal.id,
          .request = &request,
          .on_behalf_of = call.principal.on_behalf_of};
}

grpc::ServerUnaryReactor* RpcExecutor::Run(grpc::CallbackServerContext* context,
                                           const google::protobuf::Message& request, Work work) {
  const absl::Time started = absl::Now();
  metrics::RpcStarted();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CallContext call{
      .method = MethodName(policy_, request),
      .principal = {},
      .deadline = std::min(absl::FromChrono(context->deadline()), started + max_call_time_),
      .trace = StartSpan(IncomingTrace(*context))};
  CallFacts facts{.request_id = RequestIdOf(request), .peer = context->peer(), .refused = {}};
  if (!Readiness::Process().ready()) {
    FinishCall(reactor, call, facts, started,
               absl::UnavailableError(
                   absl::StrCat("the service is not ready: ", Readiness::Process().Reasons())));
    return reactor;
  }
  absl::StatusOr<Principal> principal = gatekeeper_.Admit(*context, &facts.refused);
  // A method open to anonymous callers (signing in) does not need
  // credentials; whatever was presented and failed is ignored there.
  if (principal.status().code() == absl::StatusCode::kUnauthenticated &&
      policy_.Allows(call.method, PrincipalKind::kAnonymous)) {
    principal = Principal{};
    facts.refused = {};
  }
  absl::Status admitted = principal.status();
  if (principal.ok()) {
    call.principal = *std::move(principal);
    admitted = policy_.Check(call.method, call.principal);
    if (!admitted.ok()) {
      metrics::CountAuthFailure("permission_denied");
      // Recorded off the callback thread; dropped (and logged) if the
      // pool is full rather than holding the refusal up.
      if (pool_.has_database() &&
          !pool_.Submit(
              [call, facts, reason = std::string(admitted.message())](ConnectionSlot& slot) {
                RecordDenial(slot, call, facts.request_id, facts.peer, reason);
              })) {
        LogWarning(absl::StrCat("refusal of ", call.method, " for ", call.principal.id,
                                " not audited: the pool is full"));
      }
    }
  }
  // The shape of any request, before its method looks at it: it parsed
  // (request_parsing.h), its lists are bounded and its numbers finite
  // (request_limits.h), its text is clean.
  if (admitted.ok()) admitted = UnparsedRequestStatus(request);
  if (admitted.ok()) admitted = ValidateRequestLimits(request);
  if (admitted.ok()) admitted = ValidateRequestStrings(request);
  if (!admitted.ok()) {
    FinishCall(reactor, call, facts, started, admitted);
    return reactor;
  }
  const bool queued =
      pool_.Submit([context, reactor, call, facts, started, audited = pool_.has_database(),
                    work = std::move(work)](ConnectionSlot& slot) {
        const ScopedTraceLogging traced(call.trace);
        absl::Status status;
        if (context->IsCancelled()) {
          status = absl::CancelledError("the caller cancelled the call");
        } else {
          status = work(call, slot);
        }
        // A record outside the caller's scope: its transaction was rolled back,
        // so the refusal is recorded on its own.
        if (audited && status.code() == absl::StatusCode::kPermissionDenied) {
          RecordDenial(slot, call, facts.request_id, facts.peer, status.message());
        }
        FinishCall(reactor, call, facts, started, status);
      });
  if (!queued) {
    FinishCall(reactor, call, facts, started,
               absl::ResourceExhaustedError("the service is at capacity; retry with backoff"));
  }
  return reactor;
}

grpc::ServerUnaryReactor* RpcExecutor::ReadWith(grpc::CallbackServerContext* context,
                                                const google::protobuf::Message& request,
                                                google::protobuf::Message* response, Body body,
                                                bool in_transaction, bool from_replica) {
  return Run(context, request,
             [response, body = std::move(body), in_transaction, from_replica](
                 const CallContext& call, ConnectionSlot& slot) {
               const TransactionBody read = [&](pqxx::transaction_base& tx) {
                 response->Clear();  // a retried attempt starts afresh
                 return body(tx, call);
               };
               ConnectionSlot& reads = from_replica ? slot.ForStaleReads() : slot;
               return in_transaction ? RunTransaction(reads, call.deadline, read)
                                     : RunStatements(reads, call.deadline, read);
             });
}

grpc::ServerUnaryReactor* RpcExecutor::Mutate(grpc::CallbackServerContext* context,
                                              const google::protobuf::Message& request,
                                              google::protobuf::Message* response, Body body) {
  return Run(
      context, request,
      [&request, response, body = std::move(body)](const CallContext& call, ConnectionSlot& slot) {
        const std::string request_id = RequestIdOf(request);
        return RunIdempotentTransaction(slot, call.deadline,
                                        IdempotencyOf(call, request_id, request), response,
                                        [&](pqxx::transaction_base& tx) { return body(tx, call); });
      });
}

grpc::ServerUnaryReactor* RpcExecutor::MutateInOneStatement(
    grpc::CallbackServerContext* context, const google::protobuf::Message& request,
    google::protobuf::Message* response, StatementBody body, RecordedRowRenderer render) {
  return Run(context, request,
             [&request, response, body = std::move(body), render = std::move(render)](
                 const CallContext& call, ConnectionSlot& slot) {
               const std::string request_id = RequestIdOf(request);
               return RunIdempotentStatement(
                   slot, call.deadline, IdempotencyOf(call, request_id, request), response,
                   [&](pqxx::transaction_base& tx, const StatementClaim& claim) {
                     return body(tx, call, claim);
                   },
                   render);
             });
}

grpc::ServerUnaryReactor* RpcExecutor::MutateAfter(grpc::CallbackServerContext* context,
                                                   const google::protobuf::Message& request,
                                                   google::protobuf::Message* response,
                                                   Precheck precheck, Body body) {
  return Run(
      context, request,
      [&request, response, precheck = std::move(precheck), body = std::move(body)](
          const CallContext& call, ConnectionSlot& slot) {
        const std::string request_id = RequestIdOf(request);
        const IdempotentCall idempotent = IdempotencyOf(call, request_id, request);
        bool replayed = false;
        ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          ZS_ASSIGN_OR_RETURN(replayed, ReplayCompleted(tx, idempotent, response));
          return absl::OkStatus();
        }));
        if (replayed) return absl::OkStatus();
        ZS_RETURN_IF_ERROR(precheck(call));
        return RunIdempotentTransaction(slot, call.deadline, idempotent, response,
                                        [&](pqxx::transaction_base& tx) { return body(tx, call); });
      });
}

}  // namespace zs

#include "common/rpc.h"

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/idempotency.h"
#include "common/logging.h"
#include "common/request_limits.h"
#include "common/request_parsing.h"
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

void FinishCall(grpc::ServerUnaryReactor* reactor, const CallContext& call,
                const std::string& request_id, absl::Time started, const absl::Status& status) {
  LogCall({.method = call.method,
           .code = absl::StatusCodeToString(status.code()),
           .latency_ms = absl::ToDoubleMilliseconds(absl::Now() - started),
           .principal = call.principal.id,
           .request_id = request_id,
           .error = status.ok() ? absl::string_view() : status.message()});
  reactor->Finish(ToGrpcStatus(status));
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
                                           absl::string_view method,
                                           const google::protobuf::Message& request, Work work) {
  const absl::Time started = absl::Now();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  CallContext call{
      .method = std::string(method),
      .principal = {},
      .deadline = std::min(absl::FromChrono(context->deadline()), started + max_call_time_)};
  std::string request_id = RequestIdOf(request);
  absl::StatusOr<Principal> principal = gatekeeper_.Admit(*context);
  // A method open to anonymous callers (signing in) does not need
  // credentials; whatever was presented and failed is ignored there.
  if (principal.status().code() == absl::StatusCode::kUnauthenticated &&
      policy_.Allows(method, PrincipalKind::kAnonymous)) {
    principal = Principal{};
  }
  absl::Status admitted = principal.status();
  if (principal.ok()) {
    call.principal = *std::move(principal);
    admitted = policy_.Check(method, call.principal);
  }
  // The shape of any request, before its method looks at it: it parsed
  // (request_parsing.h), its lists are bounded and its numbers finite
  // (request_limits.h), its text is clean.
  if (admitted.ok()) admitted = UnparsedRequestStatus(request);
  if (admitted.ok()) admitted = ValidateRequestLimits(request);
  if (admitted.ok()) admitted = ValidateRequestStrings(request);
  if (!admitted.ok()) {
    FinishCall(reactor, call, request_id, started, admitted);
    return reactor;
  }
  const bool queued = pool_.Submit(
      [context, reactor, call, request_id, started, work = std::move(work)](ConnectionSlot& slot) {
        absl::Status status;
        if (context->IsCancelled()) {
          status = absl::CancelledError("the caller cancelled the call");
        } else {
          status = work(call, slot);
        }
        FinishCall(reactor, call, request_id, started, status);
      });
  if (!queued) {
    FinishCall(reactor, call, request_id, started,
               absl::ResourceExhaustedError("the service is at capacity; retry with backoff"));
  }
  return reactor;
}

grpc::ServerUnaryReactor* RpcExecutor::ReadWith(grpc::CallbackServerContext* context,
                                                absl::string_view method,
                                                const google::protobuf::Message& request,
                                                google::protobuf::Message* response, Body body,
                                                bool in_transaction) {
  return Run(context, method, request,
             [response, body = std::move(body), in_transaction](const CallContext& call,
                                                                ConnectionSlot& slot) {
               const TransactionBody read = [&](pqxx::transaction_base& tx) {
                 response->Clear();  // a retried attempt starts afresh
                 return body(tx, call);
               };
               return in_transaction ? RunTransaction(slot, call.deadline, read)
                                     : RunStatements(slot, call.deadline, read);
             });
}

grpc::ServerUnaryReactor* RpcExecutor::Mutate(grpc::CallbackServerContext* context,
                                              absl::string_view method,
                                              const google::protobuf::Message& request,
                                              google::protobuf::Message* response, Body body) {
  return Run(
      context, method, request,
      [&request, response, body = std::move(body)](const CallContext& call, ConnectionSlot& slot) {
        const std::string request_id = RequestIdOf(request);
        return RunIdempotentTransaction(slot, call.deadline,
                                        IdempotencyOf(call, request_id, request), response,
                                        [&](pqxx::transaction_base& tx) { return body(tx, call); });
      });
}

grpc::ServerUnaryReactor* RpcExecutor::MutateInOneStatement(
    grpc::CallbackServerContext* context, absl::string_view method,
    const google::protobuf::Message& request, google::protobuf::Message* response,
    StatementBody body, RecordedRowRenderer render) {
  return Run(context, method, request,
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
                                                   absl::string_view method,
                                                   const google::protobuf::Message& request,
                                                   google::protobuf::Message* response,
                                                   Precheck precheck, Body body) {
  return Run(
      context, method, request,
      [&request, response, precheck = std::move(precheck), body = std::move(body)](
          const CallContext& call, ConnectionSlot& slot) {
        const std::string request_id = RequestIdOf(request);
        const IdempotentCall idempotent = IdempotencyOf(call, request_id, request);
        bool replayed = false;
        ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          absl::StatusOr<bool> done = ReplayCompleted(tx, idempotent, response);
          if (!done.ok()) return done.status();
          replayed = *done;
          return absl::OkStatus();
        }));
        if (replayed) return absl::OkStatus();
        ZS_RETURN_IF_ERROR(precheck(call));
        return RunIdempotentTransaction(slot, call.deadline, idempotent, response,
                                        [&](pqxx::transaction_base& tx) { return body(tx, call); });
      });
}

}  // namespace zs

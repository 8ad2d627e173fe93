// Domain errors carry the offending field and a machine-readable reason as
// absl::Status payloads; ToGrpcStatus turns them into the canonical gRPC code
// with google.rpc.BadRequest / google.rpc.ErrorInfo details (AIP-193), so any
// client can read which field was wrong.
#pragma once

#include <grpcpp/support/status.h>

#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Returns early with the status of `expr` when it is not OK; validations
// chain with it so the caller hears of the first bad field in reading order.
#define ZS_RETURN_IF_ERROR(expr)                                               \
  do {                                                                         \
    if (absl::Status zs_status_ = (expr); !zs_status_.ok()) return zs_status_; \
  } while (false)

// Unwraps an absl::StatusOr: `ZS_ASSIGN_OR_RETURN(PageRequest page, Parse(...));`
// declares `page` holding the value (or assigns it to an existing lvalue:
// `ZS_ASSIGN_OR_RETURN(replayed, Replay(...));`), and returns the error from
// the enclosing function when there is none. It expands to several
// statements, so it cannot be the body of an unbraced `if`; a type with a
// comma in it (`std::pair<A, B>`) needs an alias or `auto` on the left.
// `lhs` may declare a variable and `statusor` names one: neither can be
// parenthesised, so clang-tidy's macro-parentheses check is off here.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ZS_ASSIGN_OR_RETURN(lhs, expr) \
  ZS_ASSIGN_OR_RETURN_IMPL_(ZS_STATUS_CONCAT_(zs_statusor_, __COUNTER__), lhs, expr)

#define ZS_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr)     \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()
// NOLINTEND(bugprone-macro-parentheses)

// Two steps, so that __COUNTER__ is expanded before it is pasted.
#define ZS_STATUS_CONCAT_(a, b) ZS_STATUS_CONCAT_INNER_(a, b)
#define ZS_STATUS_CONCAT_INNER_(a, b) a##b

namespace zs {

// "enterprise.credit_code: check character mismatch", code INVALID_ARGUMENT.
absl::Status InvalidField(absl::string_view field, absl::string_view problem);
// NOT_FOUND naming the resource: "lead 42 not found".
absl::Status NotFound(absl::string_view resource, int64_t id);
// ALREADY_EXISTS with a reason and the existing record's id in the message.
absl::Status AlreadyExists(absl::string_view reason, absl::string_view message);
// FAILED_PRECONDITION with a reason, e.g. LEAD_NOT_OPEN.
absl::Status FailedPrecondition(absl::string_view reason, absl::string_view message);
// `status` with a machine-readable reason (google.rpc.ErrorInfo), e.g. an
// UNAUTHENTICATED sign-in refusal with INVALID_CREDENTIALS.
absl::Status ErrorWithReason(absl::Status status, absl::string_view reason);
// ABORTED for a stale etag.
absl::Status StaleEtag(absl::string_view resource, int64_t id);

// `status` with an entry for its google.rpc.ErrorInfo metadata, e.g. the
// id of the record a create collided with ("enterprise_id" → "12").
absl::Status WithErrorMetadata(absl::Status status, absl::string_view key, absl::string_view value);
// The metadata value attached under `key`, empty when none.
std::string ErrorMetadata(const absl::Status& status, absl::string_view key);

// `status` with its field (if any) re-rooted under `prefix`, for a check
// written for a message that the request carries inside another:
// "period.start_date" becomes "report.period.start_date", in the field and
// at the head of the message.
absl::Status WithFieldPrefix(const absl::Status& status, absl::string_view prefix);

// The field and reason attached to a status, empty when none.
std::string ErrorField(const absl::Status& status);
std::string ErrorReason(const absl::Status& status);

// The gRPC status with AIP-193 details. The message (and the BadRequest
// description repeating it) is cut to its first 300 characters, so an
// echoed value never makes an answer unreadable.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace zs

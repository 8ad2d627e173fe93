// gRPC status → HTTP: the standard table of google/rpc/code.proto, and the
// error body, which is the google.rpc.Status as JSON with its details
// (BadRequest field violations, ErrorInfo …) exactly as the service sent
// them in grpc-status-details-bin.
#pragma once

#include <grpcpp/support/status.h>

#include <string>

#include "services/gateway/transcode.h"

namespace zs::gateway {

// 200 for OK; 400 INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE; 401;
// 403; 404; 409 ALREADY_EXISTS, ABORTED; 429; 499 CANCELLED; 500 UNKNOWN,
// INTERNAL, DATA_LOSS; 501; 503; 504.
int HttpStatusOf(grpc::StatusCode code);

// {"code": 3, "message": "...", "details": [{"@type": ..., ...}]}: the
// status's own details when it carries a google.rpc.Status, else none.
std::string ErrorBody(const grpc::Status& status);

// An INVALID_ARGUMENT status the gateway itself found, with a BadRequest
// field violation naming `bad.field`.
grpc::Status BadRequestStatus(const BadInput& bad);

}  // namespace zs::gateway

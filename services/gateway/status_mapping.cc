#include "services/gateway/status_mapping.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace zs::gateway {

int HttpStatusOf(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::UNKNOWN:
      return 500;
    case grpc::StatusCode::INVALID_ARGUMENT:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::INTERNAL:
      return 500;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DATA_LOSS:
      return 500;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    default:
      return 500;
  }
}

std::string ErrorBody(const grpc::Status& status) {
  google::rpc::Status body;
  // The details travel as a serialized google.rpc.Status; its code and
  // message are the call's own.
  if (!status.error_details().empty() && !body.ParseFromString(status.error_details())) {
    body.Clear();
  }
  body.set_code(status.error_code());
  body.set_message(status.error_message());
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  if (!google::protobuf::util::MessageToJsonString(body, &out, options).ok()) {
    body.clear_details();  // a detail type this binary does not know
    out.clear();
    (void)google::protobuf::util::MessageToJsonString(body, &out, options);
  }
  return out;
}

grpc::Status BadRequestStatus(const BadInput& bad) {
  const std::string message = absl::StrCat(bad.field, ": ", bad.description);
  google::rpc::BadRequest details;
  auto* violation = details.add_field_violations();
  violation->set_field(bad.field);
  violation->set_description(bad.description);
  google::rpc::Status status;
  status.set_code(grpc::StatusCode::INVALID_ARGUMENT);
  status.set_message(message);
  status.add_details()->PackFrom(details);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, message, status.SerializeAsString());
}

}  // namespace zs::gateway

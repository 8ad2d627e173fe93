// Requests that protobuf refuses to parse still get an AIP-193 answer.
//
// A proto3 `string` holding invalid UTF-8 makes the whole request fail to
// parse, and gRPC's callback server then answers UNIMPLEMENTED with an empty
// message before any service code runs. A LenientService wraps every unary
// method's handler so that such a request reaches the service as an empty request
// carrying a mark: the offending field's path, found by walking the wire
// bytes against the request's descriptor. RpcExecutor turns the mark into
// INVALID_ARGUMENT naming that field (or the whole request, when the bytes
// are not a protobuf message at all), after authentication and the role
// table, like every other bad input.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/impl/service_type.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace zs {

// What a server registers in place of a generated callback service
// (`descriptor` is its service): the same methods, each delegating to the
// generated handler, which must outlive it.
class LenientService : public grpc::Service {
 public:
  LenientService(grpc::Service& generated, const google::protobuf::ServiceDescriptor& descriptor);

 private:
  std::vector<std::string> names_;  // "/package.Service/Method", as gRPC routes calls
};

// INVALID_ARGUMENT when `request` carries the mark of a request that did not
// parse; OK otherwise.
absl::Status UnparsedRequestStatus(const google::protobuf::Message& request);

// The path of the first string field (at any depth) whose bytes in the
// serialized `bytes` of a `type` message are not valid UTF-8; empty
// optional when there is none, "" when `bytes` are not a message.
std::optional<std::string> InvalidUtf8Path(const google::protobuf::Descriptor& type,
                                           const std::string& bytes);

}  // namespace zs

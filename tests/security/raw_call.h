// Calling any RPC of the four central services with raw request bytes, as
// an outside client can: what the security tests use to send requests the
// generated stubs would refuse to build (broken UTF-8, junk) or to walk
// every method by its descriptor.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

namespace zs::testing {

// Calls `method` with `bytes` as its serialized request, as a bureau
// administrator, or as a service account for the methods only services may
// call (the service's role table decides, e.g. MoveEnterpriseProjects).
grpc::Status CallBytes(const std::shared_ptr<grpc::Channel>& channel,
                       const google::protobuf::MethodDescriptor& method, const std::string& bytes);

// An empty request message for `method`.
std::unique_ptr<google::protobuf::Message> NewRequest(
    const google::protobuf::MethodDescriptor& method);

}  // namespace zs::testing

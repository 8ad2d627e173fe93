// The contracts the gateway serves, read once at start from the descriptor
// set embedded in the binary (proto/descriptor_set.h): every zhaoshang
// service with its methods, their google.api.http rules and the proto
// comments. Messages are dynamic (built from these descriptors), so a new
// RPC or service needs no gateway code, only its rule and a backend address.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace zs::gateway {

class Contracts {
 public:
  static absl::StatusOr<std::unique_ptr<Contracts>> Load();

  const google::protobuf::DescriptorPool& pool() const { return pool_; }
  // Services whose package starts with "zhaoshang.", in descriptor-set order.
  const std::vector<const google::protobuf::ServiceDescriptor*>& services() const {
    return services_;
  }
  // A new, empty message of `type` (thread-safe).
  std::unique_ptr<google::protobuf::Message> New(const google::protobuf::Descriptor* type) const;

 private:
  Contracts() : factory_(&pool_) {}
  google::protobuf::DescriptorPool pool_;
  mutable google::protobuf::DynamicMessageFactory factory_;
  std::vector<const google::protobuf::ServiceDescriptor*> services_;
};

// "lead" for zhaoshang.lead.v1.LeadService: the name its backend address
// flag and the OpenAPI tag use.
std::string ServiceShortName(const google::protobuf::ServiceDescriptor& service);

// The leading and trailing comments of a descriptor, trimmed; empty if none.
template <typename D>
std::string CommentsOf(const D& descriptor) {
  google::protobuf::SourceLocation location;
  if (!descriptor.GetSourceLocation(&location)) return {};
  std::string text = location.leading_comments;
  if (!location.trailing_comments.empty()) {
    if (!text.empty()) text += "\n";
    text += location.trailing_comments;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::string out;
  bool line_start = true;
  for (char c : text) {  // drop the one space protoc keeps after "//"
    if (line_start && c == ' ') {
      line_start = false;
      continue;
    }
    line_start = c == '\n';
    out += c;
  }
  return out;
}

}  // namespace zs::gateway

#include "services/gateway/contracts.h"

#include <google/protobuf/descriptor.pb.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/api/annotations.pb.h"
#include "proto/descriptor_set.h"

namespace zs::gateway {

absl::StatusOr<std::unique_ptr<Contracts>> Contracts::Load() {
  // Parsing with the generated FileDescriptorSet keeps the google.api.http
  // extension readable on MethodOptions; referencing it links annotations.pb.
  (void)google::api::http;
  google::protobuf::FileDescriptorSet set;
  const std::string_view bytes = ContractDescriptorSet();
  if (!set.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InternalError("the embedded descriptor set does not parse");
  }
  std::unique_ptr<Contracts> contracts(new Contracts());
  for (const auto& file : set.file()) {
    const google::protobuf::FileDescriptor* built = contracts->pool_.BuildFile(file);
    if (built == nullptr) return absl::InternalError(absl::StrCat("cannot build ", file.name()));
    if (!absl::StartsWith(built->package(), "zhaoshang.")) continue;
    for (int i = 0; i < built->service_count(); ++i) {
      contracts->services_.push_back(built->service(i));
    }
  }
  return contracts;
}

std::unique_ptr<google::protobuf::Message> Contracts::New(
    const google::protobuf::Descriptor* type) const {
  return std::unique_ptr<google::protobuf::Message>(factory_.GetPrototype(type)->New());
}

std::string ServiceShortName(const google::protobuf::ServiceDescriptor& service) {
  std::vector<std::string> parts = absl::StrSplit(service.file()->package(), '.');
  return parts.size() >= 2 ? parts[1] : service.name();
}

}  // namespace zs::gateway

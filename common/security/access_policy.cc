#include "common/security/access_policy.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "common/logging.h"
#include "zhaoshang/common/v1/access.pb.h"

namespace zs {
namespace {

using Callers = ::zhaoshang::common::v1::MethodAccess::Callers;
namespace cv1 = ::zhaoshang::common::v1;

constexpr Kinds kBureau{PrincipalKind::kBureauAdmin, PrincipalKind::kBureauStaff};
constexpr Kinds kRecorders =
    kBureau | Kinds{PrincipalKind::kUnitStaff, PrincipalKind::kOfficeStaff};
constexpr Kinds kPeople = kRecorders | Kinds{PrincipalKind::kLeader};

Kinds KindsOf(int callers) {
  switch (callers) {
    case cv1::MethodAccess::BUREAU_ADMINS:
      return {PrincipalKind::kBureauAdmin};
    case cv1::MethodAccess::BUREAU:
      return kBureau;
    case cv1::MethodAccess::RECORDERS:
      return kRecorders;
    case cv1::MethodAccess::LEADERS:
      return {PrincipalKind::kLeader};
    case cv1::MethodAccess::SERVICES:
      return {PrincipalKind::kServiceAccount};
    case cv1::MethodAccess::PEOPLE:
      return kPeople;
    case cv1::MethodAccess::ANYONE:
      return kPeople | Kinds{PrincipalKind::kServiceAccount, PrincipalKind::kAnonymous};
    default:
      return {};
  }
}

}  // namespace

Kinds AllowedCallers(const google::protobuf::MethodDescriptor& method) {
  Kinds kinds;
  for (int callers : method.options().GetExtension(cv1::access).allow()) {
    kinds = kinds | KindsOf(callers);
  }
  return kinds;
}

const google::protobuf::ServiceDescriptor& AccessPolicy::ServiceNamed(absl::string_view full_name) {
  const google::protobuf::ServiceDescriptor* service =
      google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(std::string(full_name));
  if (service == nullptr) {
    // A generated class always has its descriptor linked in: only a
    // build that lost the contract's .pb.cc gets here.
    LogError(absl::StrCat("no descriptor for the service ", full_name));
    std::abort();
  }
  return *service;
}

AccessPolicy::AccessPolicy(const google::protobuf::ServiceDescriptor& service) : service_(service) {
  for (int i = 0; i < service.method_count(); ++i) {
    const google::protobuf::MethodDescriptor& method = *service.method(i);
    const Kinds kinds = AllowedCallers(method);
    if (!kinds.empty()) rules_.emplace(method.name(), kinds);
    // A request type two methods share matches neither: fail closed.
    auto [it, fresh] = by_request_.emplace(method.input_type(), &method);
    if (!fresh) it->second = nullptr;
  }
}

const google::protobuf::MethodDescriptor* AccessPolicy::MethodTaking(
    const google::protobuf::Descriptor& request_type) const {
  auto it = by_request_.find(&request_type);
  return it == by_request_.end() ? nullptr : it->second;
}

bool AccessPolicy::Allows(absl::string_view method, PrincipalKind kind) const {
  auto it = rules_.find(method);
  return it != rules_.end() && it->second.Contains(kind);
}

absl::Status AccessPolicy::Check(absl::string_view method, const Principal& principal) const {
  if (Allows(method, principal.kind)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(PrincipalKindName(principal.kind),
                                                  " principals may not call ", service_.name(), ".",
                                                  method));
}

}  // namespace zs

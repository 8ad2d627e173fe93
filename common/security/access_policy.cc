#include "common/security/access_policy.h"

#include "absl/strings/str_cat.h"

namespace zs {

AccessPolicy::AccessPolicy(std::string service,
                           std::initializer_list<std::pair<const char*, Kinds>> rules)
    : service_(std::move(service)) {
  for (const auto& [method, kinds] : rules) rules_.emplace(method, kinds);
}

bool AccessPolicy::Allows(absl::string_view method, PrincipalKind kind) const {
  auto it = rules_.find(method);
  return it != rules_.end() && it->second.Contains(kind);
}

absl::Status AccessPolicy::Check(absl::string_view method, const Principal& principal) const {
  if (Allows(method, principal.kind)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      PrincipalKindName(principal.kind), " principals may not call ", service_, ".", method));
}

}  // namespace zs

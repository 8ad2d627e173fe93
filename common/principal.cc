#include "common/principal.h"

#include <array>
#include <utility>

#include "absl/strings/string_view.h"

namespace zs {
namespace {

constexpr std::array<std::pair<PrincipalKind, const char*>, 7> kKindNames = {{
    {PrincipalKind::kAnonymous, "anonymous"},
    {PrincipalKind::kBureauAdmin, "bureau_admin"},
    {PrincipalKind::kBureauStaff, "bureau_staff"},
    {PrincipalKind::kUnitStaff, "unit_staff"},
    {PrincipalKind::kOfficeStaff, "office_staff"},
    {PrincipalKind::kLeader, "leader"},
    {PrincipalKind::kServiceAccount, "service"},
}};

std::string Metadata(const grpc::ServerContextBase& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

const char* PrincipalKindName(PrincipalKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "anonymous";
}

bool ParsePrincipalKind(absl::string_view name, PrincipalKind* kind) {
  for (const auto& [k, n] : kKindNames) {
    if (name == n) {
      *kind = k;
      return true;
    }
  }
  return false;
}

Principal PrincipalFromMetadata(const grpc::ServerContextBase& context) {
  Principal principal;
  std::string id = Metadata(context, kPrincipalMetadataKey);
  if (id.empty() || id.size() > 128) return principal;
  principal.id = std::move(id);
  if (!ParsePrincipalKind(Metadata(context, kRoleMetadataKey), &principal.kind)) {
    principal.kind = PrincipalKind::kBureauStaff;
  }
  principal.unit_code = Metadata(context, kUnitMetadataKey);
  return principal;
}

}  // namespace zs

// Who is calling. Every handler receives a Principal: who the verified
// bearer token names (common/security/gatekeeper.h), or in loopback
// development the plain metadata x-zs-principal (a person or service id),
// x-zs-role and x-zs-unit.
#pragma once

#include <grpcpp/server_context.h>

#include <string>

#include "absl/strings/string_view.h"

namespace zs {

enum class PrincipalKind {
  kAnonymous,
  kBureauAdmin,
  kBureauStaff,
  kUnitStaff,
  kOfficeStaff,
  kLeader,
  kServiceAccount,
};

struct Principal {
  std::string id = "anonymous";
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string unit_code;  // unit or office the principal belongs to
  // A service account acting for a person names that person here.
  std::string on_behalf_of;
};

// The directory code of a leader principal: a signed-in leader's token
// carries it as its unit (its subject is the account's user name); a token
// issued by zsctl for a leader names the code as its subject.
inline const std::string& LeaderCodeOf(const Principal& principal) {
  return principal.unit_code.empty() ? principal.id : principal.unit_code;
}

inline constexpr char kPrincipalMetadataKey[] = "x-zs-principal";
inline constexpr char kRoleMetadataKey[] = "x-zs-role";
inline constexpr char kUnitMetadataKey[] = "x-zs-unit";

Principal PrincipalFromMetadata(const grpc::ServerContextBase& context);
const char* PrincipalKindName(PrincipalKind kind);
bool ParsePrincipalKind(absl::string_view name, PrincipalKind* kind);

}  // namespace zs

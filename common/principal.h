// Who is calling. Every handler receives a Principal, so authorisation can be
// added (issue: security) without touching handler signatures.
//
// Until signed tokens exist, a development Principal is read from plain call
// metadata: x-zs-principal (a person or service id), x-zs-role and x-zs-unit.
// Calls without it are "anonymous".
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
};

inline constexpr char kPrincipalMetadataKey[] = "x-zs-principal";
inline constexpr char kRoleMetadataKey[] = "x-zs-role";
inline constexpr char kUnitMetadataKey[] = "x-zs-unit";

Principal PrincipalFromMetadata(const grpc::ServerContextBase& context);
const char* PrincipalKindName(PrincipalKind kind);
bool ParsePrincipalKind(absl::string_view name, PrincipalKind* kind);

}  // namespace zs

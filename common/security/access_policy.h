// Who may call what: each service's role table, one entry per RPC naming the
// principal kinds allowed. A method without an entry is denied to everyone
// (fail closed), and a test walks the service descriptors so a new RPC
// cannot ship without one. Row scoping (whose records) lives in the stores,
// on top of this table (common/security/scope.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/principal.h"

namespace zs {

class Kinds {
 public:
  constexpr Kinds() = default;
  constexpr Kinds(std::initializer_list<PrincipalKind> kinds) {
    for (PrincipalKind kind : kinds) bits_ |= Bit(kind);
  }
  constexpr Kinds operator|(Kinds other) const { return Kinds(bits_ | other.bits_); }
  constexpr bool Contains(PrincipalKind kind) const { return (bits_ & Bit(kind)) != 0; }

 private:
  constexpr explicit Kinds(uint32_t bits) : bits_(bits) {}
  static constexpr uint32_t Bit(PrincipalKind kind) { return 1u << static_cast<int>(kind); }
  uint32_t bits_ = 0;
};

// The groups role tables are written in.
namespace access {
inline constexpr Kinds kAdmin{PrincipalKind::kBureauAdmin};
inline constexpr Kinds kBureau{PrincipalKind::kBureauAdmin, PrincipalKind::kBureauStaff};
// Everyone who records investment work: the bureau, units and offices.
inline constexpr Kinds kRecorders =
    kBureau | Kinds{PrincipalKind::kUnitStaff, PrincipalKind::kOfficeStaff};
inline constexpr Kinds kLeader{PrincipalKind::kLeader};
inline constexpr Kinds kService{PrincipalKind::kServiceAccount};
// Every person (not service accounts).
inline constexpr Kinds kPeople = kRecorders | kLeader;
// Also callers without credentials: only for methods whose request carries
// the credential itself (signing in with a password or a session secret)
// or that publish what is public (token verification keys).
inline constexpr Kinds kAnyone = kPeople | kService | Kinds{PrincipalKind::kAnonymous};
}  // namespace access

class AccessPolicy {
 public:
  AccessPolicy(std::string service, std::initializer_list<std::pair<const char*, Kinds>> rules);

  // PERMISSION_DENIED unless `principal`'s kind may call `method`.
  absl::Status Check(absl::string_view method, const Principal& principal) const;
  bool Covers(absl::string_view method) const { return rules_.contains(std::string(method)); }
  bool Allows(absl::string_view method, PrincipalKind kind) const;

 private:
  std::string service_;
  std::map<std::string, Kinds, std::less<>> rules_;
};

}  // namespace zs

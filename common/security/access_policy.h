// Who may call what: each service's role table, built when the service
// starts from the (zhaoshang.common.v1.access) option every RPC carries in its
// contract (proto/zhaoshang/common/v1/access.proto), so an RPC's name and
// callers are written once, in the proto. A method without the option is
// denied to everyone (fail closed), and a test walks the contracts so a new
// RPC cannot ship without one. Row scoping (whose records) lives in the
// stores, on top of this table (common/security/scope.h).
#pragma once

#include <google/protobuf/descriptor.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/principal.h"

namespace zs {

// A set of principal kinds.
class Kinds {
 public:
  constexpr Kinds() = default;
  constexpr Kinds(std::initializer_list<PrincipalKind> kinds) {
    for (PrincipalKind kind : kinds) bits_ |= Bit(kind);
  }
  constexpr Kinds operator|(Kinds other) const { return Kinds(bits_ | other.bits_); }
  constexpr bool Contains(PrincipalKind kind) const { return (bits_ & Bit(kind)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  constexpr explicit Kinds(uint32_t bits) : bits_(bits) {}
  static constexpr uint32_t Bit(PrincipalKind kind) { return 1u << static_cast<int>(kind); }
  uint32_t bits_ = 0;
};

// The kinds `method`'s (zhaoshang.common.v1.access) option admits: none when
// it has no option (the method is then closed to everyone).
Kinds AllowedCallers(const google::protobuf::MethodDescriptor& method);

class AccessPolicy {
 public:
  // The role table of `service`, read from its methods' options.
  explicit AccessPolicy(const google::protobuf::ServiceDescriptor& service);

  // The role table of a generated gRPC service class (`lead::v1::LeadService`),
  // built once.
  template <typename GrpcService>
  static const AccessPolicy& Of() {
    static const AccessPolicy* const kPolicy =
        new AccessPolicy(ServiceNamed(GrpcService::service_full_name()));
    return *kPolicy;
  }

  const google::protobuf::ServiceDescriptor& service() const { return service_; }

  // The RPC whose request message is `request_type` (every RPC of a
  // Zhaoshang service has its own request message, AIP-133..136); null when
  // none is, or when more than one is (then no call can be matched to a
  // method and every such call is refused).
  const google::protobuf::MethodDescriptor* MethodTaking(
      const google::protobuf::Descriptor& request_type) const;

  // PERMISSION_DENIED unless `principal`'s kind may call `method` (a
  // method's short name, "CreateLead").
  absl::Status Check(absl::string_view method, const Principal& principal) const;
  bool Covers(absl::string_view method) const { return rules_.contains(method); }
  bool Allows(absl::string_view method, PrincipalKind kind) const;

 private:
  static const google::protobuf::ServiceDescriptor& ServiceNamed(absl::string_view full_name);

  const google::protobuf::ServiceDescriptor& service_;
  std::map<std::string, Kinds, std::less<>> rules_;
  std::map<const google::protobuf::Descriptor*, const google::protobuf::MethodDescriptor*>
      by_request_;
};

}  // namespace zs

#include "tests/security/security_support.h"

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/security/token.h"

namespace zs::testing {

TokenAuthority::TokenAuthority(double calls_per_second, int burst) {
  char pattern[] = "/tmp/zs-security-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  revoked_file_ = directory_ + "/revoked";
  std::ofstream(revoked_file_) << "# revoked token ids\n";
  absl::StatusOr<std::unique_ptr<Gatekeeper>> gatekeeper =
      Gatekeeper::Create({.token_key = kTestTokenKey,
                          .revoked_tokens_file = revoked_file_,
                          .calls_per_second = calls_per_second,
                          .burst = burst});
  if (!gatekeeper.ok()) throw std::runtime_error(std::string(gatekeeper.status().message()));
  gatekeeper_ = *std::move(gatekeeper);
}

TokenAuthority::~TokenAuthority() { std::filesystem::remove_all(directory_); }

std::string TokenAuthority::Token(const Principal& principal, absl::Duration ttl,
                                  std::string* token_id) const {
  const absl::Time now = absl::Now();
  TokenClaims claims{.principal = principal,
                     .token_id = NewTokenId(),
                     .issued_at = ttl > absl::ZeroDuration() ? now : now + ttl - absl::Hours(1),
                     .expires_at = now + ttl};
  if (token_id != nullptr) *token_id = claims.token_id;
  absl::StatusOr<std::string> token = IssueToken(kTestTokenKey, claims);
  if (!token.ok()) throw std::runtime_error(std::string(token.status().message()));
  return *token;
}

std::unique_ptr<grpc::ClientContext> TokenAuthority::Context(const Principal& principal) const {
  return ContextWithToken(Token(principal));
}

std::unique_ptr<grpc::ClientContext> TokenAuthority::ContextWithToken(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", absl::StrCat("Bearer ", token));
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

Principal Admin() { return {.id = "admin-li", .kind = PrincipalKind::kBureauAdmin}; }
Principal BureauStaff() { return {.id = "staff-zhang", .kind = PrincipalKind::kBureauStaff}; }
Principal UnitStaff() {
  return {.id = "daliu-wang", .kind = PrincipalKind::kUnitStaff, .unit_code = "town-daliu"};
}
Principal OfficeStaff() {
  return {.id = "fujian-chen", .kind = PrincipalKind::kOfficeStaff, .unit_code = "office-fujian"};
}
Principal OtherOfficeStaff() {
  return {.id = "chengdu-liu", .kind = PrincipalKind::kOfficeStaff, .unit_code = "office-chengdu"};
}
Principal Leader() { return {.id = "leader-deputy-head-2", .kind = PrincipalKind::kLeader}; }
Principal ServiceAccount() {
  return {.id = "zs-reporting", .kind = PrincipalKind::kServiceAccount};
}

}  // namespace zs::testing

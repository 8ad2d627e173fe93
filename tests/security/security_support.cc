#include "tests/security/security_support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
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

std::string NewSigningKeyPem() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (key == nullptr) throw std::runtime_error("cannot generate an EC key");
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

TokenAuthority::TokenAuthority(double calls_per_second, int burst) {
  char pattern[] = "/tmp/zs-security-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
  revoked_file_ = directory_ + "/revoked";
  std::ofstream(revoked_file_) << "# revoked token ids\n";
  const std::string private_pem = NewSigningKeyPem();
  absl::StatusOr<TokenSigner> signer = TokenSigner::FromPem(private_pem);
  if (!signer.ok()) throw std::runtime_error(std::string(signer.status().message()));
  signer_ = std::make_unique<TokenSigner>(*std::move(signer));
  signing_key_file_ = directory_ + "/signing.pem";
  std::ofstream(signing_key_file_) << private_pem;
  public_keys_file_ = directory_ + "/public.pem";
  std::ofstream(public_keys_file_) << signer_->public_key().pem;
  absl::StatusOr<TokenVerifier> verifier = TokenVerifier::FromPem(signer_->public_key().pem);
  if (!verifier.ok()) throw std::runtime_error(std::string(verifier.status().message()));
  absl::StatusOr<std::unique_ptr<Gatekeeper>> gatekeeper =
      Gatekeeper::Create({.token_verifier = *std::move(verifier),
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
  absl::StatusOr<std::string> token = signer_->Issue(claims);
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

// What the security tests share: a signing key pair, a gatekeeper that
// verifies tokens signed with it (and reads a revocation file), and tokens
// for every kind of principal.
#pragma once

#include <grpcpp/client_context.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "common/principal.h"
#include "common/security/gatekeeper.h"
#include "common/security/token.h"

namespace zs::testing {

// A fresh EC P-256 private key, PEM (PKCS #8), as `openssl genpkey` makes.
std::string NewSigningKeyPem();

class TokenAuthority {
 public:
  // `calls_per_second` 0: no rate limit.
  explicit TokenAuthority(double calls_per_second = 0, int burst = 0);
  ~TokenAuthority();

  const Gatekeeper& gatekeeper() const { return *gatekeeper_; }
  Gatekeeper& mutable_gatekeeper() { return *gatekeeper_; }
  const std::string& revoked_file() const { return revoked_file_; }
  const TokenSigner& signer() const { return *signer_; }
  // Files holding the signing key (for zsctl) and its public key (for
  // --token_public_keys_file).
  const std::string& signing_key_file() const { return signing_key_file_; }
  const std::string& public_keys_file() const { return public_keys_file_; }

  // A token for `principal`, valid for `ttl` (negative: already expired).
  std::string Token(const Principal& principal, absl::Duration ttl = absl::Hours(1),
                    std::string* token_id = nullptr) const;
  // A client context carrying that token, with a 10 s deadline.
  std::unique_ptr<grpc::ClientContext> Context(const Principal& principal) const;
  static std::unique_ptr<grpc::ClientContext> ContextWithToken(const std::string& token);

 private:
  std::string directory_;
  std::string revoked_file_;
  std::string signing_key_file_;
  std::string public_keys_file_;
  std::unique_ptr<TokenSigner> signer_;
  std::unique_ptr<Gatekeeper> gatekeeper_;
};

// One principal of each kind, with real directory codes; two offices so a
// test can show one office cannot touch the other's records.
Principal Admin();
Principal BureauStaff();
Principal UnitStaff();         // town-daliu
Principal OfficeStaff();       // office-fujian
Principal OtherOfficeStaff();  // office-chengdu
Principal Leader();            // leader-deputy-head-2
Principal ServiceAccount();

}  // namespace zs::testing

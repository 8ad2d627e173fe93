// Bearer tokens: JWTs signed with ES256 (ECDSA on P-256, libjwt) naming a
// principal, its kind and unit, with an id (for revocation) and an expiry.
// Only the issuer holds the private key (zs-identity for people's sessions,
// `zsctl admin issue-token` for service and automation tokens); every
// service verifies with public keys alone. A token's `kid` header names the
// key that signed it, so services can trust two keys at once while the
// signing key is rotated.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/principal.h"

namespace zs {

struct TokenClaims {
  Principal principal;
  std::string token_id;  // jti: what revocation names
  absl::Time issued_at;
  absl::Time expires_at;
  // sid: the sign-in session the token was issued for; empty for tokens
  // issued by zsctl.
  std::string session_id;
};

// A public key in the shapes callers need: its id, PEM (what services
// load) and JSON Web Key coordinates (what GetTokenKeys publishes).
struct TokenPublicKey {
  // RFC 7638 JWK thumbprint (SHA-256, base64url, 43 characters): derived
  // from the key itself, so signer and verifiers agree without naming keys.
  std::string kid;
  std::string pem;  // SubjectPublicKeyInfo
  std::string x;    // base64url, 32 bytes
  std::string y;    // base64url, 32 bytes
};

// Signs tokens with an EC P-256 private key.
class TokenSigner {
 public:
  // FAILED_PRECONDITION unless `private_key_pem` is an EC P-256 private key.
  static absl::StatusOr<TokenSigner> FromPem(absl::string_view private_key_pem);
  static absl::StatusOr<TokenSigner> FromFile(const std::string& path);

  // INVALID_ARGUMENT for claims no service would accept (no principal, unit
  // staff without a unit, no id, expiring before issue).
  absl::StatusOr<std::string> Issue(const TokenClaims& claims) const;
  const TokenPublicKey& public_key() const { return public_key_; }

 private:
  TokenSigner(std::string private_key_pem, TokenPublicKey public_key)
      : private_key_pem_(std::move(private_key_pem)), public_key_(std::move(public_key)) {}
  std::string private_key_pem_;
  TokenPublicKey public_key_;
};

// Verifies tokens against a set of public keys, chosen by the token's kid.
class TokenVerifier {
 public:
  TokenVerifier() = default;  // no keys: verifies nothing
  // FAILED_PRECONDITION unless `pem` holds one or more EC P-256 public keys
  // (PEM blocks, concatenated).
  static absl::StatusOr<TokenVerifier> FromPem(absl::string_view pem);
  static absl::StatusOr<TokenVerifier> FromFile(const std::string& path);

  // Checks the header first (alg ES256 only: "none", HMAC and every other
  // algorithm are refused before any signature check; kid names a known
  // key), then the signature, the issuer, the expiry against `now` and the
  // claims' shape. Errors are UNAUTHENTICATED and never echo the token.
  absl::StatusOr<TokenClaims> Verify(absl::string_view token, absl::Time now) const;

  bool empty() const { return keys_.empty(); }
  const std::vector<TokenPublicKey>& keys() const { return keys_; }

 private:
  std::vector<TokenPublicKey> keys_;
};

// The claims of a token without checking its signature or expiry: what
// `zsctl auth status` shows about a token it holds. INVALID_ARGUMENT when
// it is not a JWT with our claims.
absl::StatusOr<TokenClaims> ReadUnverifiedClaims(absl::string_view token);

// A fresh random token id (128 bits, hex).
std::string NewTokenId();

}  // namespace zs

#include "common/security/token.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <memory>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/config.h"
#include "common/errors.h"

namespace zs {
namespace {

constexpr char kIssuer[] = "zhaoshang";
constexpr size_t kMaxTokenBytes = 4096;

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;
struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

bool NeedsUnit(PrincipalKind kind) {
  return kind == PrincipalKind::kUnitStaff || kind == PrincipalKind::kOfficeStaff;
}

BioPtr ReadBio(absl::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string Base64Url(const unsigned char* bytes, size_t size) {
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), size));  // unpadded
}

// The public half of an EC P-256 key as PEM and JWK coordinates, with its
// RFC 7638 thumbprint as the key id.
absl::StatusOr<TokenPublicKey> DescribePublicKey(EVP_PKEY* key) {
  const absl::Status wrong = absl::FailedPreconditionError("token keys must be EC P-256 keys");
  if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) return wrong;
  char group[64] = {0};
  size_t group_size = 0;
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     &group_size) != 1 ||
      absl::string_view(group) != "prime256v1") {
    return wrong;
  }
  TokenPublicKey out;
  for (auto [name, target] :
       {std::pair{OSSL_PKEY_PARAM_EC_PUB_X, &out.x}, std::pair{OSSL_PKEY_PARAM_EC_PUB_Y, &out.y}}) {
    BIGNUM* number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1) return wrong;
    unsigned char coordinate[32];
    const int written = BN_bn2binpad(number, coordinate, sizeof coordinate);
    BN_free(number);
    if (written != 32) return wrong;
    *target = Base64Url(coordinate, sizeof coordinate);
  }
  // RFC 7638: the required members in lexicographic order, no whitespace.
  const std::string jwk =
      absl::StrCat(R"({"crv":"P-256","kty":"EC","x":")", out.x, R"(","y":")", out.y, R"("})");
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(jwk.data()), jwk.size(), digest);
  out.kid = Base64Url(digest, sizeof digest);
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PUBKEY(bio.get(), key) != 1) return wrong;
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  out.pem.assign(data, static_cast<size_t>(size));
  return out;
}

// One base64url part of a JWT as a JSON object.
bool DecodePart(absl::string_view part, google::protobuf::Struct* out) {
  std::string json;
  if (!absl::WebSafeBase64Unescape(part, &json)) return false;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  return google::protobuf::util::JsonStringToMessage(json, out, options).ok();
}

std::string StringField(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  if (it == object.fields().end() || !it->second.has_string_value()) return {};
  return it->second.string_value();
}

absl::Time TimeField(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  if (it == object.fields().end() || !it->second.has_number_value()) return absl::InfinitePast();
  return absl::FromUnixSeconds(static_cast<int64_t>(it->second.number_value()));
}

// Fills the principal and ids from claims; false when their shape is wrong.
bool ReadClaims(const google::protobuf::Struct& payload, TokenClaims* claims) {
  claims->principal.id = StringField(payload, "sub");
  claims->principal.unit_code = StringField(payload, "unit");
  claims->token_id = StringField(payload, "jti");
  claims->session_id = StringField(payload, "sid");
  claims->issued_at = TimeField(payload, "iat");
  claims->expires_at = TimeField(payload, "exp");
  return StringField(payload, "iss") == kIssuer && !claims->principal.id.empty() &&
         !claims->token_id.empty() &&
         ParsePrincipalKind(StringField(payload, "kind"), &claims->principal.kind) &&
         claims->principal.kind != PrincipalKind::kAnonymous &&
         !(NeedsUnit(claims->principal.kind) && claims->principal.unit_code.empty()) &&
         claims->expires_at > absl::UnixEpoch();
}

}  // namespace

std::string NewTokenId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no entropy: nothing is safe
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

absl::StatusOr<TokenSigner> TokenSigner::FromPem(absl::string_view private_key_pem) {
  BioPtr bio = ReadBio(private_key_pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr) {
    return absl::FailedPreconditionError("the token signing key is not a PEM private key");
  }
  ZS_ASSIGN_OR_RETURN(TokenPublicKey public_key, DescribePublicKey(key.get()));
  return TokenSigner(std::string(private_key_pem), std::move(public_key));
}

absl::StatusOr<TokenSigner> TokenSigner::FromFile(const std::string& path) {
  ZS_ASSIGN_OR_RETURN(std::string pem, ReadSecretFile(path));
  return FromPem(pem + "\n");
}

absl::StatusOr<std::string> TokenSigner::Issue(const TokenClaims& claims) const {
  const Principal& principal = claims.principal;
  if (principal.id.empty() || principal.kind == PrincipalKind::kAnonymous) {
    return absl::InvalidArgumentError("a token names a principal and its kind");
  }
  if (NeedsUnit(principal.kind) && principal.unit_code.empty()) {
    return absl::InvalidArgumentError("unit and office staff tokens name their unit");
  }
  if (claims.token_id.empty() || claims.expires_at <= claims.issued_at) {
    return absl::InvalidArgumentError("a token has an id and expires after it is issued");
  }
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::ResourceExhaustedError("jwt_new failed");
  JwtPtr jwt(raw);
  const bool ok =
      jwt_add_grant(jwt.get(), "iss", kIssuer) == 0 &&
      jwt_add_grant(jwt.get(), "sub", principal.id.c_str()) == 0 &&
      jwt_add_grant(jwt.get(), "kind", PrincipalKindName(principal.kind)) == 0 &&
      (principal.unit_code.empty() ||
       jwt_add_grant(jwt.get(), "unit", principal.unit_code.c_str()) == 0) &&
      jwt_add_grant(jwt.get(), "jti", claims.token_id.c_str()) == 0 &&
      (claims.session_id.empty() ||
       jwt_add_grant(jwt.get(), "sid", claims.session_id.c_str()) == 0) &&
      jwt_add_grant_int(jwt.get(), "iat", absl::ToUnixSeconds(claims.issued_at)) == 0 &&
      jwt_add_grant_int(jwt.get(), "exp", absl::ToUnixSeconds(claims.expires_at)) == 0 &&
      jwt_add_header(jwt.get(), "kid", public_key_.kid.c_str()) == 0 &&
      jwt_set_alg(jwt.get(), JWT_ALG_ES256,
                  reinterpret_cast<const unsigned char*>(private_key_pem_.data()),
                  static_cast<int>(private_key_pem_.size())) == 0;
  if (!ok) return absl::InternalError("cannot build the token");
  char* encoded = jwt_encode_str(jwt.get());
  if (encoded == nullptr) return absl::InternalError("cannot sign the token");
  std::string token(encoded);
  free(encoded);
  return token;
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromPem(absl::string_view pem) {
  TokenVerifier verifier;
  BioPtr bio = ReadBio(pem);
  while (true) {
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (key == nullptr) break;
    ZS_ASSIGN_OR_RETURN(TokenPublicKey public_key, DescribePublicKey(key.get()));
    verifier.keys_.push_back(std::move(public_key));
  }
  if (verifier.keys_.empty()) {
    return absl::FailedPreconditionError("no PEM public key found for verifying tokens");
  }
  return verifier;
}

absl::StatusOr<TokenVerifier> TokenVerifier::FromFile(const std::string& path) {
  ZS_ASSIGN_OR_RETURN(std::string pem, ReadSecretFile(path));
  absl::StatusOr<TokenVerifier> verifier = FromPem(pem + "\n");
  if (!verifier.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(path, ": ", verifier.status().message()));
  }
  return verifier;
}

absl::StatusOr<TokenClaims> TokenVerifier::Verify(absl::string_view token, absl::Time now) const {
  const absl::Status rejected = absl::UnauthenticatedError("the bearer token is not valid");
  // A JWT is three base64url parts; anything else (or a huge one) is refused
  // before it reaches a parser.
  if (token.empty() || token.size() > kMaxTokenBytes) return rejected;
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  google::protobuf::Struct header;
  if (parts.size() != 3 || !DecodePart(parts[0], &header)) return rejected;
  // The algorithm is ours to choose, not the token's: a token claiming HS256
  // would otherwise be checked with the public key as its HMAC secret.
  if (StringField(header, "alg") != "ES256") return rejected;
  const std::string kid = StringField(header, "kid");
  const TokenPublicKey* key = nullptr;
  for (const TokenPublicKey& candidate : keys_) {
    if (candidate.kid == kid) key = &candidate;
  }
  if (key == nullptr) return rejected;
  jwt_t* raw = nullptr;
  const std::string text(token);
  if (jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key->pem.data()),
                 static_cast<int>(key->pem.size())) != 0) {
    return rejected;
  }
  JwtPtr jwt(raw);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_ES256) return rejected;
  google::protobuf::Struct payload;
  TokenClaims claims;
  if (!DecodePart(parts[1], &payload) || !ReadClaims(payload, &claims)) return rejected;
  if (claims.expires_at <= now) return absl::UnauthenticatedError("the bearer token has expired");
  return claims;
}

absl::StatusOr<TokenClaims> ReadUnverifiedClaims(absl::string_view token) {
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  google::protobuf::Struct payload;
  TokenClaims claims;
  if (token.size() > kMaxTokenBytes || parts.size() != 3 || !DecodePart(parts[1], &payload) ||
      !ReadClaims(payload, &claims)) {
    return absl::InvalidArgumentError("not a Zhaoshang bearer token");
  }
  return claims;
}

}  // namespace zs

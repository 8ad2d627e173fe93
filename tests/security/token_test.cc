// Bearer tokens through a real channel: valid ones name the principal;
// missing, malformed, forged, tampered, unsigned, HMAC-signed, expired and
// revoked ones are UNAUTHENTICATED; two keys are trusted at once while the
// signing key rotates, and an unknown key is not; each principal has its
// own rate; and neither tokens nor the key reach the log.
#include "common/security/token.h"

#include <gtest/gtest.h>
#include <jwt.h>

#include <fstream>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/logging.h"
#include "tests/security/security_support.h"
#include "tests/support/lead_server.h"

namespace zs::testing {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;

grpc::StatusCode ListWith(LeadServer& server, std::unique_ptr<grpc::ClientContext> context) {
  lv1::ListEnterprisesResponse response;
  return server.stub()
      .ListEnterprises(context.get(), lv1::ListEnterprisesRequest(), &response)
      .error_code();
}

TokenClaims ClaimsFor(const Principal& principal) {
  return {.principal = principal,
          .token_id = NewTokenId(),
          .issued_at = absl::Now(),
          .expires_at = absl::Now() + absl::Hours(1)};
}

// A line of a PEM file's base64 body.
std::string SecondLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  return line;
}

TokenSigner NewSigner() { return *TokenSigner::FromPem(NewSigningKeyPem()); }

// The token's header as JSON text.
std::string Header(const std::string& token) {
  std::string json;
  absl::WebSafeBase64Unescape(std::vector<std::string>(absl::StrSplit(token, '.'))[0], &json);
  return json;
}

TEST(Tokens, IssuingChecksTheKeyAndTheClaims) {
  EXPECT_EQ(TokenSigner::FromPem("short").status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(TokenVerifier::FromPem("short").status().code(), absl::StatusCode::kFailedPrecondition);
  const TokenSigner signer = NewSigner();
  EXPECT_EQ(TokenSigner::FromPem(signer.public_key().pem).status().code(),
            absl::StatusCode::kFailedPrecondition)
      << "a public key cannot sign";
  const TokenClaims claims = ClaimsFor(OfficeStaff());
  TokenClaims no_unit = claims;
  no_unit.principal.unit_code.clear();
  EXPECT_EQ(signer.Issue(no_unit).status().code(), absl::StatusCode::kInvalidArgument);
  TokenClaims with_session = claims;
  with_session.session_id = "0123456789abcdef0123456789abcdef";
  absl::StatusOr<std::string> token = signer.Issue(with_session);
  ASSERT_TRUE(token.ok());
  EXPECT_NE(Header(*token).find(R"("alg":"ES256")"), std::string::npos) << Header(*token);
  EXPECT_NE(Header(*token).find(absl::StrCat(R"("kid":")", signer.public_key().kid, R"(")")),
            std::string::npos)
      << Header(*token);
  EXPECT_EQ(signer.public_key().kid.size(), 43u) << "a SHA-256 thumbprint, base64url";
  absl::StatusOr<TokenVerifier> verifier = TokenVerifier::FromPem(signer.public_key().pem);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_EQ(verifier->keys()[0].kid, signer.public_key().kid) << "both sides derive the same kid";
  absl::StatusOr<TokenClaims> verified = verifier->Verify(*token, absl::Now());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->principal.id, "fujian-chen");
  EXPECT_EQ(verified->principal.kind, PrincipalKind::kOfficeStaff);
  EXPECT_EQ(verified->principal.unit_code, "office-fujian");
  EXPECT_EQ(verified->token_id, claims.token_id);
  EXPECT_EQ(verified->session_id, with_session.session_id);
  EXPECT_EQ(ReadUnverifiedClaims(*token)->principal.id, "fujian-chen");
  EXPECT_EQ(NewTokenId().size(), 32u);
  EXPECT_NE(NewTokenId(), NewTokenId());
}

TEST(Tokens, TwoKeysAreTrustedAtOnceWhileTheSigningKeyRotates) {
  const TokenSigner old_key = NewSigner(), new_key = NewSigner(), unknown = NewSigner();
  ASSERT_NE(old_key.public_key().kid, new_key.public_key().kid);
  absl::StatusOr<TokenVerifier> both =
      TokenVerifier::FromPem(old_key.public_key().pem + new_key.public_key().pem);
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->keys().size(), 2u);
  const std::string before = *old_key.Issue(ClaimsFor(Admin()));
  const std::string after = *new_key.Issue(ClaimsFor(Admin()));
  EXPECT_TRUE(both->Verify(before, absl::Now()).ok()) << "tokens signed before the switch";
  EXPECT_TRUE(both->Verify(after, absl::Now()).ok()) << "tokens signed after it";
  EXPECT_EQ(both->Verify(*unknown.Issue(ClaimsFor(Admin())), absl::Now()).status().code(),
            absl::StatusCode::kUnauthenticated)
      << "a key nobody published";
  // Once the old key is retired, what it signed is refused.
  absl::StatusOr<TokenVerifier> retired = TokenVerifier::FromPem(new_key.public_key().pem);
  EXPECT_EQ(retired->Verify(before, absl::Now()).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_TRUE(retired->Verify(after, absl::Now()).ok());

  // A token from the unknown key that claims a trusted key's kid: the
  // signature does not match that key.
  const std::vector<std::string> spoof = absl::StrSplit(*unknown.Issue(ClaimsFor(Admin())), '.');
  const std::vector<std::string> trusted = absl::StrSplit(after, '.');
  EXPECT_EQ(both->Verify(absl::StrCat(trusted[0], ".", spoof[1], ".", spoof[2]), absl::Now())
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(Tokens, OnlyValidUnrevokedTokensGetIn) {
  TokenAuthority authority;
  LeadServer server(Directory::Seeded(), authority.gatekeeper());

  EXPECT_EQ(ListWith(server, authority.Context(OfficeStaff())), grpc::StatusCode::OK);

  auto no_token = std::make_unique<grpc::ClientContext>();
  EXPECT_EQ(ListWith(server, std::move(no_token)), grpc::StatusCode::UNAUTHENTICATED);
  auto plain_metadata = std::make_unique<grpc::ClientContext>();
  plain_metadata->AddMetadata("x-zs-principal", "someone");
  plain_metadata->AddMetadata("x-zs-role", "bureau_admin");
  EXPECT_EQ(ListWith(server, std::move(plain_metadata)), grpc::StatusCode::UNAUTHENTICATED)
      << "with tokens on, development metadata must not be trusted";
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken("not-a-jwt")),
            grpc::StatusCode::UNAUTHENTICATED);

  // Signed with another key.
  absl::StatusOr<std::string> forged = NewSigner().Issue(ClaimsFor(Admin()));
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(*forged)),
            grpc::StatusCode::UNAUTHENTICATED);

  // An office token whose payload is swapped for an admin one, signature kept.
  const std::vector<std::string> office = absl::StrSplit(authority.Token(OfficeStaff()), '.');
  const std::vector<std::string> admin = absl::StrSplit(*forged, '.');
  ASSERT_EQ(office.size(), 3u);
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(
                                 absl::StrCat(office[0], ".", admin[1], ".", office[2]))),
            grpc::StatusCode::UNAUTHENTICATED);

  // alg "none": no signature at all.
  jwt_t* unsigned_jwt = nullptr;
  ASSERT_EQ(jwt_new(&unsigned_jwt), 0);
  jwt_add_grant(unsigned_jwt, "iss", "zhaoshang");
  jwt_add_grant(unsigned_jwt, "sub", "intruder");
  jwt_add_grant(unsigned_jwt, "kind", "bureau_admin");
  jwt_add_grant(unsigned_jwt, "jti", "x");
  jwt_add_grant_int(unsigned_jwt, "exp", absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  char* encoded = jwt_encode_str(unsigned_jwt);
  ASSERT_NE(encoded, nullptr);
  const std::string none_token(encoded);
  free(encoded);
  jwt_free(unsigned_jwt);
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(none_token)),
            grpc::StatusCode::UNAUTHENTICATED);

  // HS256 with the public key (which everyone may read) as the HMAC secret,
  // naming the trusted key: the algorithm confusion attack.
  jwt_t* hmac_jwt = nullptr;
  ASSERT_EQ(jwt_new(&hmac_jwt), 0);
  jwt_add_grant(hmac_jwt, "iss", "zhaoshang");
  jwt_add_grant(hmac_jwt, "sub", "intruder");
  jwt_add_grant(hmac_jwt, "kind", "bureau_admin");
  jwt_add_grant(hmac_jwt, "jti", "y");
  jwt_add_grant_int(hmac_jwt, "exp", absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  jwt_add_header(hmac_jwt, "kid", authority.signer().public_key().kid.c_str());
  const std::string& public_pem = authority.signer().public_key().pem;
  ASSERT_EQ(jwt_set_alg(hmac_jwt, JWT_ALG_HS256,
                        reinterpret_cast<const unsigned char*>(public_pem.data()),
                        static_cast<int>(public_pem.size())),
            0);
  encoded = jwt_encode_str(hmac_jwt);
  ASSERT_NE(encoded, nullptr);
  const std::string hmac_token(encoded);
  free(encoded);
  jwt_free(hmac_jwt);
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(hmac_token)),
            grpc::StatusCode::UNAUTHENTICATED);

  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(
                                 authority.Token(OfficeStaff(), absl::Seconds(-5)))),
            grpc::StatusCode::UNAUTHENTICATED);

  // Revocation by token id: the file is re-read within about a second.
  std::string revoked_id;
  const std::string revoked = authority.Token(OfficeStaff(), absl::Hours(1), &revoked_id);
  const std::string kept = authority.Token(OfficeStaff());
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(revoked)), grpc::StatusCode::OK);
  std::ofstream(authority.revoked_file(), std::ios::app) << revoked_id << "  # lost laptop\n";
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(revoked)),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(kept)), grpc::StatusCode::OK);

  // A token the gatekeeper already verified (and remembers) still expires.
  const std::string brief = authority.Token(OfficeStaff(), absl::Seconds(2));
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(brief)), grpc::StatusCode::OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(brief)),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST(Tokens, EachPrincipalHasItsOwnRate) {
  TokenAuthority authority(/*calls_per_second=*/2, /*burst=*/5);
  LeadServer server(Directory::Seeded(), authority.gatekeeper());
  const std::string busy = authority.Token(OfficeStaff());
  int ok = 0, exhausted = 0;
  for (int i = 0; i < 20; ++i) {
    const grpc::StatusCode code = ListWith(server, TokenAuthority::ContextWithToken(busy));
    (code == grpc::StatusCode::OK ? ok : exhausted) +=
        (code == grpc::StatusCode::OK || code == grpc::StatusCode::RESOURCE_EXHAUSTED);
  }
  // A burst of 5 plus at most a couple refilled while the 20 calls ran.
  EXPECT_GE(ok, 5);
  EXPECT_LE(ok, 8);
  EXPECT_EQ(ok + exhausted, 20);
  EXPECT_EQ(ListWith(server, authority.Context(OtherOfficeStaff())), grpc::StatusCode::OK)
      << "another principal is not slowed by the first";
}

TEST(Tokens, NeitherTokensNorTheKeyAreLogged) {
  InitLogging("lead");  // the services' own JSON log lines on stderr
  TokenAuthority authority;
  LeadServer server(Directory::Seeded(), authority.gatekeeper());
  const std::string good = authority.Token(OfficeStaff());
  const std::string expired = authority.Token(OfficeStaff(), absl::Seconds(-5));
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(good)), grpc::StatusCode::OK);
  EXPECT_EQ(ListWith(server, TokenAuthority::ContextWithToken(expired)),
            grpc::StatusCode::UNAUTHENTICATED);
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("fujian-chen"), std::string::npos) << "the calls were logged: " << log;
  const std::vector<std::string> good_parts = absl::StrSplit(good, '.');
  const std::vector<std::string> expired_parts = absl::StrSplit(expired, '.');
  for (const std::string& secret :
       {good_parts[2], expired_parts[2], good_parts[1], SecondLine(authority.signing_key_file())}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "a secret reached the log";
  }
}

}  // namespace
}  // namespace zs::testing

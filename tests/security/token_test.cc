// Bearer tokens through a real channel: valid ones name the principal;
// missing, malformed, forged, tampered, unsigned, expired and revoked ones
// are UNAUTHENTICATED; each principal has its own rate; and neither tokens
// nor the key reach the log.
#include "common/security/token.h"

#include <gtest/gtest.h>
#include <jwt.h>

#include <fstream>
#include <thread>

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

TEST(Tokens, IssuingChecksTheKeyAndTheClaims) {
  const TokenClaims claims{.principal = OfficeStaff(),
                           .token_id = NewTokenId(),
                           .issued_at = absl::Now(),
                           .expires_at = absl::Now() + absl::Hours(1)};
  EXPECT_EQ(IssueToken("short", claims).status().code(), absl::StatusCode::kFailedPrecondition);
  TokenClaims no_unit = claims;
  no_unit.principal.unit_code.clear();
  EXPECT_EQ(IssueToken(kTestTokenKey, no_unit).status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::string> token = IssueToken(kTestTokenKey, claims);
  ASSERT_TRUE(token.ok());
  absl::StatusOr<TokenClaims> verified = VerifyToken(kTestTokenKey, *token, absl::Now());
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->principal.id, "fujian-chen");
  EXPECT_EQ(verified->principal.kind, PrincipalKind::kOfficeStaff);
  EXPECT_EQ(verified->principal.unit_code, "office-fujian");
  EXPECT_EQ(verified->token_id, claims.token_id);
  EXPECT_EQ(NewTokenId().size(), 32u);
  EXPECT_NE(NewTokenId(), NewTokenId());
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
  const TokenClaims claims{.principal = Admin(),
                           .token_id = NewTokenId(),
                           .issued_at = absl::Now(),
                           .expires_at = absl::Now() + absl::Hours(1)};
  absl::StatusOr<std::string> forged = IssueToken("another-key-another-key-another-key-42", claims);
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
       {good_parts[2], expired_parts[2], good_parts[1], std::string(kTestTokenKey)}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "a secret reached the log";
  }
}

}  // namespace
}  // namespace zs::testing

// zs-gateway as a process with --metrics_listen, in front of the real
// identity and lead services: its /metrics parses with prometheus_client's
// parser and moves as HTTP requests are answered, by route template,
// method and status; sign-ins by outcome; clients over their rate.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/ops/scrape.h"
#include "tests/security/security_support.h"
#include "tests/support/identity_server.h"
#include "tests/support/lead_server.h"
#include "zhaoshang/identity/v1/identity_service.grpc.pb.h"

namespace zs::testing {
namespace {

namespace iv1 = ::zhaoshang::identity::v1;

constexpr char kPassword[] = "Zhi-Biao-2026!gw";

TEST(GatewayMetricsTest, RequestsSignInsAndRateLimitsAreCounted) {
  TokenAuthority authority;
  IdentityServer identity(authority);
  LeadServer lead(Directory::Seeded(), authority.gatekeeper());
  {
    iv1::CreateAccountRequest request;
    request.set_request_id("gw-metrics-account");
    request.mutable_account()->set_user_name("li.na");
    request.mutable_account()->set_display_name("李娜");
    request.mutable_account()->set_kind(iv1::ACCOUNT_KIND_BUREAU_STAFF);
    request.set_password(kPassword);
    iv1::Account account;
    auto context = authority.Context(Admin());
    ASSERT_TRUE(identity.stub().CreateAccount(context.get(), request, &account).ok());
  }
  const int metrics_port = FreeLoopbackPort();
  GatewayProcess gateway({absl::StrCat("--identity_address=127.0.0.1:", identity.port()),
                          absl::StrCat("--lead_address=127.0.0.1:", lead.port())},
                         {absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port),
                          "--rate_limit_per_second=1", "--rate_limit_burst=10"});
  const Samples before = Scrape(metrics_port);
  const std::string list_ok =
      "zs_http_server_requests_total{method=GET,route=/v1/leads,status=200}";
  EXPECT_EQ(Value(before, list_ok), 0);
  EXPECT_GE(Value(before, "zs_http_server_requests_total{method=GET,route=health,status=200}"), 1)
      << "the start-up probes";

  auto client = gateway.Client();
  const httplib::Headers bearer = {{"Authorization", "Bearer " + authority.Token(BureauStaff())}};
  auto listed = client->Get("/v1/leads", bearer);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200) << listed->body;
  auto missing = client->Get("/v1/leads/987654", bearer);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  const std::string origin = absl::StrCat("http://127.0.0.1:", gateway.port());
  auto sign_in = [&](const std::string& password) {
    return client->Post("/v1/sessions", {{"Origin", origin}},
                        absl::StrCat(R"({"userName":"li.na","password":")", password, R"("})"),
                        "application/json");
  };
  auto wrong = sign_in("not-the-password-1A!");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  auto right = sign_in(kPassword);
  ASSERT_TRUE(right);
  EXPECT_EQ(right->status, 200) << right->body;
  // Far over one a second: the burst runs out and the rest are refused.
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    auto answer = client->Get("/v1/nowhere");
    ASSERT_TRUE(answer);
    refused += answer->status == 429;
  }
  EXPECT_GT(refused, 0);

  const Samples after = Scrape(metrics_port);
  EXPECT_EQ(Value(after, list_ok), 1);
  EXPECT_EQ(Value(after,
                  "zs_http_server_requests_total{method=GET,route=/v1/leads/{id},"
                  "status=404}"),
            1)
      << "by the route's template, never the id";
  EXPECT_EQ(Value(after,
                  "zs_http_server_requests_total{method=POST,route=/v1/sessions,"
                  "status=401}"),
            1);
  EXPECT_EQ(Value(after,
                  "zs_http_server_requests_total{method=POST,route=/v1/sessions,"
                  "status=200}"),
            1);
  EXPECT_EQ(Value(after, "zs_sign_ins_total{outcome=wrong_credentials}"), 1);
  EXPECT_EQ(Value(after, "zs_sign_ins_total{outcome=succeeded}"), 1);
  EXPECT_EQ(Value(after, "zs_http_rate_limited_requests_total{}"), refused);
  EXPECT_EQ(Value(after, "zs_http_server_requests_total{method=GET,route=unmatched,status=429}"),
            refused);
  EXPECT_EQ(Value(after, "zs_http_server_requests_total{method=GET,route=unmatched,status=404}"),
            20 - refused);
  // Seconds: a list on loopback takes more than nothing and far less than a second.
  EXPECT_EQ(
      Value(after, "zs_http_server_request_duration_seconds_count{method=GET,route=/v1/leads}"), 1);
  const double took =
      Value(after, "zs_http_server_request_duration_seconds_sum{method=GET,route=/v1/leads}");
  EXPECT_GT(took, 0);
  EXPECT_LT(took, 5);
  EXPECT_EQ(Value(after,
                  "zs_http_server_request_duration_seconds_bucket{le=+Inf,method=GET,"
                  "route=/v1/leads}"),
            1);
  EXPECT_EQ(Value(after, "zs_http_server_requests_in_flight{}"), 0);
  EXPECT_GT(Value(after, "process_resident_memory_bytes{}"), 1 << 20);
}

}  // namespace
}  // namespace zs::testing

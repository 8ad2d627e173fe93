// Browsers' sign-in through zs-gateway in front of the real identity and
// lead services: the session cookies and their flags, the secrets kept out
// of page scripts' reach, a wrong password, an expired access token renewed
// from the session, sign-out revoking the session, and CSRF refused.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/support/identity_server.h"
#include "tests/support/lead_server.h"
#include "zhaoshang/identity/v1/identity_service.grpc.pb.h"

namespace zs::testing {
namespace {

namespace iv1 = ::zhaoshang::identity::v1;

constexpr char kPassword[] = "Qiao-Shang-2026!x";

// The Set-Cookie headers of an answer, by cookie name and path.
std::map<std::string, std::string> SetCookies(const httplib::Response& answer) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < answer.get_header_value_count("Set-Cookie"); ++i) {
    const std::string header = answer.get_header_value("Set-Cookie", i);
    const std::string name = header.substr(0, header.find('='));
    std::string path;
    for (absl::string_view part : absl::StrSplit(header, "; ")) {
      if (absl::StartsWith(part, "Path=")) path = std::string(part.substr(5));
    }
    out[name + " " + path] = header;
  }
  return out;
}

std::string ValueOf(const std::string& set_cookie) {
  const size_t eq = set_cookie.find('='), semi = set_cookie.find(';');
  return set_cookie.substr(eq + 1, semi - eq - 1);
}

class GatewaySessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    identity_ = std::make_unique<IdentityServer>(
        authority_, identity::SessionSettings{.access_token_ttl = absl::Seconds(2),
                                              .session_ttl = absl::Hours(1)});
    lead_ = std::make_unique<LeadServer>(Directory::Seeded(), authority_.gatekeeper());
    iv1::CreateAccountRequest request;
    request.set_request_id("gw-account-1");
    request.mutable_account()->set_user_name("zhang.wei");
    request.mutable_account()->set_display_name("张伟");
    request.mutable_account()->set_kind(iv1::ACCOUNT_KIND_BUREAU_STAFF);
    request.set_password(kPassword);
    iv1::Account account;
    auto context = authority_.Context(Admin());
    grpc::Status created = identity_->stub().CreateAccount(context.get(), request, &account);
    ASSERT_TRUE(created.ok()) << created.error_message();
    gateway_ = std::make_unique<GatewayProcess>(
        std::vector<std::string>{absl::StrCat("--identity_address=127.0.0.1:", identity_->port()),
                                 absl::StrCat("--lead_address=127.0.0.1:", lead_->port())},
        std::vector<std::string>{"--rate_limit_per_second=0"});
    origin_ = absl::StrCat("http://127.0.0.1:", gateway_->port());
  }

  httplib::Result SignIn(const std::string& password) {
    return gateway_->Client()->Post(
        "/v1/sessions", {{"Origin", origin_}},
        absl::StrCat(R"({"userName":"zhang.wei","password":")", password, R"("})"),
        "application/json");
  }

  // The Cookie header a browser would send to `path` after `answer`.
  static std::string CookiesFor(const std::map<std::string, std::string>& set,
                                const std::string& path) {
    std::string header;
    for (const auto& [key, cookie] : set) {
      const std::string cookie_path = key.substr(key.find(' ') + 1);
      if (cookie_path != "/" && cookie_path != path) continue;
      absl::StrAppend(&header, header.empty() ? "" : "; ", cookie.substr(0, cookie.find(';')));
    }
    return header;
  }

  TokenAuthority authority_;
  std::unique_ptr<IdentityServer> identity_;
  std::unique_ptr<LeadServer> lead_;
  std::unique_ptr<GatewayProcess> gateway_;
  std::string origin_;
};

TEST_F(GatewaySessionTest, SignInSetsTheCookiesWithTheirFlags) {
  auto answer = SignIn(kPassword);
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->status, 200) << answer->body;
  const auto cookies = SetCookies(*answer);
  ASSERT_TRUE(cookies.contains("zs_access /")) << answer->body;
  const std::string access = cookies.at("zs_access /");
  EXPECT_TRUE(absl::StrContains(access, "; HttpOnly"));
  EXPECT_TRUE(absl::StrContains(access, "; SameSite=Strict"));
  EXPECT_FALSE(absl::StrContains(access, "; Secure"));  // plain HTTP on loopback only
  for (const char* path : {"/v1/sessions:refresh", "/v1/sessions:delete"}) {
    const std::string session = cookies.at(absl::StrCat("zs_session ", path));
    EXPECT_TRUE(absl::StrContains(session, "; HttpOnly")) << session;
    EXPECT_TRUE(absl::StrContains(session, "; SameSite=Strict")) << session;
  }
  EXPECT_FALSE(cookies.contains("zs_session /")) << "the secret must not go everywhere";
  const std::string csrf = cookies.at("zs_csrf /");
  EXPECT_FALSE(absl::StrContains(csrf, "HttpOnly"));  // the console reads it
  // Page scripts never see the credentials.
  EXPECT_FALSE(absl::StrContains(answer->body, ValueOf(access)));
  EXPECT_FALSE(
      absl::StrContains(answer->body, ValueOf(cookies.at("zs_session /v1/sessions:refresh"))));
  EXPECT_TRUE(absl::StrContains(answer->body, R"("sessionSecret":"")"));  // emptied
  EXPECT_TRUE(absl::StrContains(answer->body, "zhang.wei"));

  // The access cookie is the caller's identity on the next call.
  auto me = gateway_->Client()->Get("/v1/currentAccount",
                                    {{"Cookie", CookiesFor(cookies, "/v1/currentAccount")}});
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_TRUE(absl::StrContains(me->body, "\"userName\":\"zhang.wei\""));
  auto limits = gateway_->Client()->Get("/v1/leadTimeLimits",
                                        {{"Cookie", CookiesFor(cookies, "/v1/leadTimeLimits")}});
  EXPECT_EQ(limits->status, 200) << limits->body;
}

TEST_F(GatewaySessionTest, AWrongPasswordSetsNoCookie) {
  auto answer = SignIn("not-the-password-1A");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 401) << answer->body;
  EXPECT_EQ(answer->get_header_value_count("Set-Cookie"), 0u);
  // A sign-in posted by another site's page is refused before the password is checked.
  auto forged = gateway_->Client()->Post(
      "/v1/sessions", {{"Origin", "https://evil.example"}},
      absl::StrCat(R"({"userName":"zhang.wei","password":")", kPassword, R"("})"),
      "application/json");
  EXPECT_EQ(forged->status, 403) << forged->body;
}

TEST_F(GatewaySessionTest, CsrfIsRefusedForCookieAuthenticatedChanges) {
  auto signed_in = SignIn(kPassword);
  ASSERT_EQ(signed_in->status, 200);
  const auto cookies = SetCookies(*signed_in);
  const std::string csrf = ValueOf(cookies.at("zs_csrf /"));
  const std::string path = "/v1/currentAccount:changePassword";
  const std::string body = R"({"requestId":"gw-pw-1","oldPassword":"x","newPassword":"y"})";
  auto client = gateway_->Client();
  const httplib::Headers cookie = {{"Cookie", CookiesFor(cookies, path)}};
  auto with = [&](httplib::Headers extra) {
    httplib::Headers headers = cookie;
    headers.insert(extra.begin(), extra.end());
    return client->Post(path, headers, body, "application/json");
  };
  for (const auto& [name, headers] : std::vector<std::pair<std::string, httplib::Headers>>{
           {"no Origin", {{"X-CSRF-Token", csrf}}},
           {"another Origin", {{"Origin", "https://evil.example"}, {"X-CSRF-Token", csrf}}},
           {"no token", {{"Origin", origin_}}},
           {"a wrong token", {{"Origin", origin_}, {"X-CSRF-Token", "guess"}}}}) {
    auto answer = with(headers);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 403) << name << ": " << answer->body;
    EXPECT_TRUE(absl::StrContains(answer->body, "CSRF")) << name;
  }
  // The same change with both: past the gateway (identity judges the old password).
  auto allowed = with({{"Origin", origin_}, {"X-CSRF-Token", csrf}});
  EXPECT_FALSE(absl::StrContains(allowed->body, "CSRF")) << allowed->body;
  EXPECT_NE(allowed->status, 403) << allowed->body;
  // A program's bearer token carries no ambient credential: no CSRF check.
  auto program =
      client->Get("/v1/currentAccount", {{"Authorization", "Bearer " + authority_.Token(Admin())}});
  EXPECT_NE(program->status, 403);
}

TEST_F(GatewaySessionTest, AnExpiredAccessTokenIsRenewedFromTheSession) {
  auto signed_in = SignIn(kPassword);
  ASSERT_EQ(signed_in->status, 200);
  auto cookies = SetCookies(*signed_in);
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));  // access tokens live 2 s here
  auto client = gateway_->Client();
  // The old access token, as a browser that kept it would send it.
  const std::string stale = "zs_access=" + ValueOf(cookies.at("zs_access /"));
  auto expired = client->Get("/v1/currentAccount", {{"Cookie", stale}});
  EXPECT_EQ(expired->status, 401) << expired->body;

  const std::string csrf = ValueOf(cookies.at("zs_csrf /"));
  auto refreshed = client->Post("/v1/sessions:refresh",
                                {{"Cookie", CookiesFor(cookies, "/v1/sessions:refresh")},
                                 {"Origin", origin_},
                                 {"X-CSRF-Token", csrf}},
                                "", "application/json");
  ASSERT_EQ(refreshed->status, 200) << refreshed->body;
  const auto renewed = SetCookies(*refreshed);
  ASSERT_TRUE(renewed.contains("zs_access /"));
  EXPECT_NE(ValueOf(renewed.at("zs_access /")), ValueOf(cookies.at("zs_access /")));
  auto again = client->Get("/v1/currentAccount",
                           {{"Cookie", "zs_access=" + ValueOf(renewed.at("zs_access /"))}});
  EXPECT_EQ(again->status, 200) << again->body;
}

TEST_F(GatewaySessionTest, SignOutRevokesTheSessionAndClearsTheCookies) {
  auto signed_in = SignIn(kPassword);
  ASSERT_EQ(signed_in->status, 200);
  const auto cookies = SetCookies(*signed_in);
  const std::string csrf = ValueOf(cookies.at("zs_csrf /"));
  auto client = gateway_->Client();
  auto signed_out = client->Post("/v1/sessions:delete",
                                 {{"Cookie", CookiesFor(cookies, "/v1/sessions:delete")},
                                  {"Origin", origin_},
                                  {"X-CSRF-Token", csrf}},
                                 "", "application/json");
  ASSERT_EQ(signed_out->status, 200) << signed_out->body;
  for (const auto& [key, header] : SetCookies(*signed_out)) {
    EXPECT_TRUE(absl::StrContains(header, "Max-Age=0")) << header;
  }
  EXPECT_GE(signed_out->get_header_value_count("Set-Cookie"), 4u);
  // The revoked session renews nothing, and the refusal clears the cookies.
  auto refreshed = client->Post("/v1/sessions:refresh",
                                {{"Cookie", CookiesFor(cookies, "/v1/sessions:refresh")},
                                 {"Origin", origin_},
                                 {"X-CSRF-Token", csrf}},
                                "", "application/json");
  EXPECT_EQ(refreshed->status, 401) << refreshed->body;
  EXPECT_GE(refreshed->get_header_value_count("Set-Cookie"), 1u);
}

}  // namespace
}  // namespace zs::testing

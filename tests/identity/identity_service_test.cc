// The identity service through a real channel on a real database: signing
// in (and the token the other services accept), wrong passwords, lockout
// and its growing delay, disabled accounts and their live sessions,
// refreshing, signing out, the password policy, changing one's own
// password, admin-only RPCs, bad input naming its field, every attempt
// recorded, and no password, secret or token in the log or the audit trail.
#include <grpcpp/support/error_details.h>
#include <gtest/gtest.h>

#include <functional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/logging.h"
#include "common/security/token.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/security/security_support.h"
#include "tests/support/identity_server.h"
#include "tests/support/lead_server.h"

namespace zs::testing {
namespace {

namespace iv1 = ::zhaoshang::identity::v1;

constexpr char kPassword[] = "Fujian-Office-2026";

// The BadRequest field and ErrorInfo reason a status carries.
struct Details {
  std::string field, reason;
};
Details DetailsOf(const grpc::Status& status) {
  Details out;
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return out;
  for (const auto& any : rich.details()) {
    google::rpc::BadRequest bad;
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&bad) && bad.field_violations_size() > 0) {
      out.field = bad.field_violations(0).field();
    } else if (any.UnpackTo(&info)) {
      out.reason = info.reason();
    }
  }
  return out;
}

class IdentityServiceTest : public ::testing::Test {
 protected:
  IdentityServiceTest() : server_(authority_) {}

  iv1::IdentityService::Stub& stub() { return server_.stub(); }

  static std::unique_ptr<grpc::ClientContext> Anonymous(const std::string& address = "") {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!address.empty()) {
      context->AddMetadata("x-zs-client-address", address);
      context->AddMetadata("x-zs-client-user-agent", "Mozilla/5.0 (test)");
    }
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }
  std::unique_ptr<grpc::ClientContext> AsAdmin() { return authority_.Context(Admin()); }

  iv1::Account CreateAccount(const std::string& user_name,
                             iv1::AccountKind kind = iv1::ACCOUNT_KIND_OFFICE_STAFF,
                             const std::string& unit = "office-fujian",
                             const std::string& password = kPassword) {
    iv1::CreateAccountRequest request;
    request.set_request_id("create-" + user_name);
    request.mutable_account()->set_user_name(user_name);
    request.mutable_account()->set_display_name("陈晓");
    request.mutable_account()->set_kind(kind);
    if (kind == iv1::ACCOUNT_KIND_LEADER) {
      request.mutable_account()->set_leader_code(unit);
    } else {
      request.mutable_account()->set_unit_code(unit);
    }
    request.set_password(password);
    iv1::Account account;
    const grpc::Status status = stub().CreateAccount(AsAdmin().get(), request, &account);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return account;
  }

  grpc::Status SignIn(const std::string& user_name, const std::string& password,
                      iv1::Session* session, const std::string& address = "203.0.113.7") {
    iv1::CreateSessionRequest request;
    request.set_user_name(user_name);
    request.set_password(password);
    return stub().CreateSession(Anonymous(address).get(), request, session);
  }

  grpc::Status Refresh(const std::string& secret, iv1::Session* session) {
    iv1::RefreshSessionRequest request;
    request.set_session_secret(secret);
    return stub().RefreshSession(Anonymous().get(), request, session);
  }

  iv1::Account Disable(const std::string& user_name) {
    iv1::Account current;
    iv1::GetAccountRequest get;
    get.set_user_name(user_name);
    EXPECT_TRUE(stub().GetAccount(AsAdmin().get(), get, &current).ok());
    iv1::UpdateAccountRequest update;
    update.set_request_id("disable-" + user_name);
    update.mutable_account()->set_user_name(user_name);
    update.mutable_account()->set_etag(current.etag());
    update.mutable_account()->set_active(false);
    update.mutable_update_mask()->add_paths("active");
    iv1::Account updated;
    const grpc::Status status = stub().UpdateAccount(AsAdmin().get(), update, &updated);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return updated;
  }

  std::string Count(const std::string& where) {
    return server_.database().QueryValue("SELECT count(*) FROM sign_in_events WHERE " + where);
  }

  TokenAuthority authority_;
  IdentityServer server_;
};

TEST_F(IdentityServiceTest, SignInGivesATokenTheServicesAccept) {
  CreateAccount("fujian.chen");
  iv1::Session session;
  const grpc::Status status = SignIn("Fujian.Chen", kPassword, &session);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(session.user_name(), "fujian.chen") << "user names are not case-sensitive";
  EXPECT_EQ(session.id().size(), 32u);
  EXPECT_EQ(session.session_secret().size(), 43u);
  EXPECT_EQ(session.account().unit_code(), "office-fujian");
  const int64_t ttl =
      session.access_token_expire_time().seconds() - absl::ToUnixSeconds(absl::Now());
  EXPECT_GT(ttl, 9 * 60);
  EXPECT_LE(ttl, 10 * 60) << "access tokens live minutes";
  EXPECT_GT(session.session_expire_time().seconds() - absl::ToUnixSeconds(absl::Now()), 11 * 3600);

  absl::StatusOr<TokenClaims> claims =
      authority_.gatekeeper().token_verifier().Verify(session.access_token(), absl::Now());
  ASSERT_TRUE(claims.ok()) << claims.status();
  EXPECT_EQ(claims->principal.id, "fujian.chen");
  EXPECT_EQ(claims->principal.kind, PrincipalKind::kOfficeStaff);
  EXPECT_EQ(claims->principal.unit_code, "office-fujian");
  EXPECT_EQ(claims->session_id, session.id());

  // Another service, verifying with the public key only, lets the person in.
  LeadServer lead(Directory::Seeded(), authority_.gatekeeper());
  zhaoshang::lead::v1::ListEnterprisesResponse enterprises;
  EXPECT_TRUE(lead.stub()
                  .ListEnterprises(TokenAuthority::ContextWithToken(session.access_token()).get(),
                                   {}, &enterprises)
                  .ok());

  iv1::Account me;
  ASSERT_TRUE(stub()
                  .GetCurrentAccount(TokenAuthority::ContextWithToken(session.access_token()).get(),
                                     {}, &me)
                  .ok());
  EXPECT_EQ(me.user_name(), "fujian.chen");
  EXPECT_TRUE(me.has_last_sign_in_time());
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT client_address || ' ' || user_agent FROM sign_in_events WHERE outcome = 1"),
            "203.0.113.7 Mozilla/5.0 (test)");
}

TEST_F(IdentityServiceTest, WrongPasswordAndUnknownUserAreRefusedAlike) {
  CreateAccount("fujian.chen");
  iv1::Session session;
  const grpc::Status wrong = SignIn("fujian.chen", "Not-The-Password-1", &session);
  const grpc::Status unknown = SignIn("nobody.here", kPassword, &session);
  for (const grpc::Status& status : {wrong, unknown}) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(status.error_message(), "wrong user name or password");
    EXPECT_EQ(DetailsOf(status).reason, "INVALID_CREDENTIALS");
  }
  EXPECT_EQ(Count("user_name = 'fujian.chen' AND outcome = 2"), "1");
  EXPECT_EQ(Count("user_name = 'nobody.here' AND outcome = 3"), "1");
}

TEST_F(IdentityServiceTest, FiveFailuresLockTheAccountForAGrowingWhile) {
  CreateAccount("fujian.chen");
  iv1::Session session;
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(SignIn("fujian.chen", "Wrong-Password-" + std::to_string(i), &session).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  const grpc::Status fifth = SignIn("fujian.chen", "Wrong-Password-5", &session);
  EXPECT_EQ(fifth.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(DetailsOf(fifth).reason, "ACCOUNT_LOCKED");
  EXPECT_TRUE(absl::StrContains(fifth.error_message(), "locked until")) << fifth.error_message();
  const grpc::Status right_but_locked = SignIn("fujian.chen", kPassword, &session);
  EXPECT_EQ(right_but_locked.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED)
      << "a locked account's password is not even checked";
  EXPECT_EQ(Count("outcome = 5"), "1");
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT round(extract(epoch FROM locked_until - now()) / 60) FROM "
                "sign_in_throttle"),
            "1")
      << "the first lock lasts a minute";
  iv1::GetAccountRequest get;
  get.set_user_name("fujian.chen");
  iv1::Account account;
  ASSERT_TRUE(stub().GetAccount(AsAdmin().get(), get, &account).ok());
  EXPECT_TRUE(account.has_locked_until_time());

  // The minute passes; the next failure locks for two.
  server_.database().QueryValue(
      "UPDATE sign_in_throttle SET locked_until = now() - interval '1 second'");
  EXPECT_EQ(SignIn("fujian.chen", "Wrong-Password-6", &session).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT round(extract(epoch FROM locked_until - now()) / 60) FROM "
                "sign_in_throttle"),
            "2");

  // Once that passes too, the right password gets in and forgives the rest.
  server_.database().QueryValue(
      "UPDATE sign_in_throttle SET locked_until = now() - interval '1 second'");
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM sign_in_throttle"), "0");
}

TEST_F(IdentityServiceTest, DisablingAnAccountEndsItsLiveSessionsAtOnce) {
  CreateAccount("fujian.chen");
  iv1::Session laptop, phone;
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &laptop).ok());
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &phone).ok());
  iv1::Session refreshed;
  ASSERT_TRUE(Refresh(laptop.session_secret(), &refreshed).ok());

  EXPECT_FALSE(Disable("fujian.chen").active());
  for (const iv1::Session& session : {laptop, phone}) {
    const grpc::Status status = Refresh(session.session_secret(), &refreshed);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(DetailsOf(status).reason, "SESSION_REVOKED");
  }
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT count(*) FROM sessions WHERE revoked_reason = 'ACCOUNT_DISABLED'"),
            "2");
  const grpc::Status again = SignIn("fujian.chen", kPassword, &refreshed);
  EXPECT_EQ(again.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(DetailsOf(again).reason, "ACCOUNT_DISABLED");
  EXPECT_EQ(Count("outcome = 4"), "1");
  // The change is in the audit trail, naming the admin.
  EXPECT_EQ(
      server_.database().QueryValue(
          "SELECT principal || ' ' || method FROM audit.events WHERE schema_name = 'identity' "
          "AND table_name = 'accounts' AND operation = 'UPDATE'"),
      "admin-li UpdateAccount");
}

TEST_F(IdentityServiceTest, RefreshRenewsTheAccessTokenUntilSignOut) {
  CreateAccount("fujian.chen");
  iv1::Session session, refreshed;
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  ASSERT_TRUE(Refresh(session.session_secret(), &refreshed).ok());
  EXPECT_EQ(refreshed.id(), session.id());
  EXPECT_TRUE(refreshed.session_secret().empty()) << "the secret is handed out once";
  EXPECT_NE(refreshed.access_token(), session.access_token());
  EXPECT_EQ(ReadUnverifiedClaims(refreshed.access_token())->session_id, session.id());

  iv1::DeleteSessionRequest sign_out;
  sign_out.set_session_secret(session.session_secret());
  iv1::DeleteSessionResponse deleted;
  ASSERT_TRUE(stub().DeleteSession(Anonymous().get(), sign_out, &deleted).ok());
  EXPECT_EQ(DetailsOf(Refresh(session.session_secret(), &refreshed)).reason, "SESSION_REVOKED");
  EXPECT_TRUE(stub().DeleteSession(Anonymous().get(), sign_out, &deleted).ok())
      << "signing out twice is fine";

  EXPECT_EQ(DetailsOf(Refresh("no-such-secret", &refreshed)).reason, "SESSION_NOT_FOUND");
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  server_.database().QueryValue(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL");
  const grpc::Status expired = Refresh(session.session_secret(), &refreshed);
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(DetailsOf(expired).reason, "SESSION_EXPIRED");
}

TEST_F(IdentityServiceTest, PeopleChangeTheirOwnPassword) {
  CreateAccount("fujian.chen");
  iv1::Session session, refreshed;
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  EXPECT_TRUE(session.account().password_change_required()) << "set by the admin";
  auto as_me = [&] { return TokenAuthority::ContextWithToken(session.access_token()); };

  iv1::ChangePasswordRequest change;
  change.set_request_id("change-1");
  change.set_old_password("Not-The-Old-One-1");
  change.set_new_password("Chen-New-Secret-9");
  iv1::Account account;
  grpc::Status status = stub().ChangePassword(as_me().get(), change, &account);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(DetailsOf(status).field, "old_password");

  change.set_old_password(kPassword);
  change.set_new_password("short");
  status = stub().ChangePassword(as_me().get(), change, &account);
  EXPECT_EQ(DetailsOf(status).field, "new_password");

  change.set_new_password("Chen-New-Secret-9");
  status = stub().ChangePassword(as_me().get(), change, &account);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(account.password_change_required());
  EXPECT_EQ(DetailsOf(Refresh(session.session_secret(), &refreshed)).reason, "SESSION_REVOKED")
      << "a new password signs every session out";
  EXPECT_EQ(SignIn("fujian.chen", kPassword, &session).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(SignIn("fujian.chen", "Chen-New-Secret-9", &session).ok());

  // An admin's reset: the person must choose again, sessions end.
  iv1::ResetAccountPasswordRequest reset;
  reset.set_request_id("reset-1");
  reset.set_user_name("fujian.chen");
  reset.set_new_password("Reset-By-Admin-42");
  ASSERT_TRUE(stub().ResetAccountPassword(AsAdmin().get(), reset, &account).ok());
  EXPECT_TRUE(account.password_change_required());
  EXPECT_EQ(DetailsOf(Refresh(session.session_secret(), &refreshed)).reason, "SESSION_REVOKED");
  EXPECT_TRUE(SignIn("fujian.chen", "Reset-By-Admin-42", &session).ok());
}

// A demo district's accounts keep the password printed for everyone, but
// only where zs-identity was told it serves a demo (./zs run, test suites);
// a person's account still changes the password an admin chose.
TEST_F(IdentityServiceTest, DemoAccountsKeepTheirPasswordOnlyWhereAllowed) {
  iv1::CreateAccountRequest request;
  request.set_request_id("create-demo");
  request.mutable_account()->set_user_name("fujian.chen");
  request.mutable_account()->set_display_name("陈晓");
  request.mutable_account()->set_kind(iv1::ACCOUNT_KIND_OFFICE_STAFF);
  request.mutable_account()->set_unit_code("office-fujian");
  request.set_password(kPassword);
  request.set_demo_account(true);
  iv1::Account account;
  const grpc::Status refused = stub().CreateAccount(AsAdmin().get(), request, &account);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(DetailsOf(refused).reason, "DEMO_ACCOUNTS_NOT_ALLOWED");
  EXPECT_NE(refused.error_message().find("demo_account"), std::string::npos);
  iv1::Session session;
  EXPECT_EQ(SignIn("fujian.chen", kPassword, &session).error_code(),
            grpc::StatusCode::UNAUTHENTICATED)
      << "nothing was created";

  IdentityServer demo(authority_, identity::SessionSettings{.allow_demo_accounts = true});
  ASSERT_TRUE(demo.stub().CreateAccount(AsAdmin().get(), request, &account).ok());
  EXPECT_FALSE(account.password_change_required());
  iv1::CreateSessionRequest sign_in;
  sign_in.set_user_name("fujian.chen");
  sign_in.set_password(kPassword);
  ASSERT_TRUE(demo.stub().CreateSession(Anonymous().get(), sign_in, &session).ok());
  EXPECT_FALSE(session.account().password_change_required()) << "signs in straight away";

  // The same service, a person's account: the change is still required.
  request.set_request_id("create-person");
  request.mutable_account()->set_user_name("chengdu.liu");
  request.mutable_account()->set_unit_code("office-chengdu");
  request.set_demo_account(false);
  ASSERT_TRUE(demo.stub().CreateAccount(AsAdmin().get(), request, &account).ok());
  EXPECT_TRUE(account.password_change_required());
}

TEST_F(IdentityServiceTest, OnlyAdminsManageAccounts) {
  CreateAccount("fujian.chen");
  CreateAccount("chengdu.liu", iv1::ACCOUNT_KIND_OFFICE_STAFF, "office-chengdu");
  iv1::Session session;
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  auto as_me = [&] { return TokenAuthority::ContextWithToken(session.access_token()); };

  iv1::Account account;
  iv1::GetAccountRequest get;
  get.set_user_name("chengdu.liu");
  EXPECT_EQ(stub().GetAccount(as_me().get(), get, &account).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  get.set_user_name("nobody.at.all");
  EXPECT_EQ(stub().GetAccount(as_me().get(), get, &account).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "denied before looked up";
  get.set_user_name("fujian.chen");
  EXPECT_TRUE(stub().GetAccount(as_me().get(), get, &account).ok());

  iv1::CreateAccountRequest create;
  create.set_request_id("sneaky");
  create.mutable_account()->set_user_name("sneaky.admin");
  create.mutable_account()->set_display_name("x");
  create.mutable_account()->set_kind(iv1::ACCOUNT_KIND_BUREAU_ADMIN);
  create.set_password("Sneaky-Admin-2026");
  EXPECT_EQ(stub().CreateAccount(as_me().get(), create, &account).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  iv1::ListSignInEventsResponse events;
  EXPECT_EQ(stub().ListSignInEvents(as_me().get(), {}, &events).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  iv1::ListAccountsResponse accounts;
  EXPECT_EQ(stub().ListAccounts(as_me().get(), {}, &accounts).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub().ListAccounts(AsAdmin().get(), {}, &accounts).ok());
  EXPECT_EQ(accounts.accounts_size(), 2);
}

TEST_F(IdentityServiceTest, BadInputNamesTheField) {
  CreateAccount("fujian.chen");
  auto create = [&](std::function<void(iv1::CreateAccountRequest&)> change) {
    iv1::CreateAccountRequest request;
    request.set_request_id("bad-" + std::to_string(rand()));
    request.mutable_account()->set_user_name("new.person");
    request.mutable_account()->set_display_name("新人");
    request.mutable_account()->set_kind(iv1::ACCOUNT_KIND_UNIT_STAFF);
    request.mutable_account()->set_unit_code("town-daliu");
    request.set_password("Good-Password-2026");
    change(request);
    iv1::Account account;
    return stub().CreateAccount(AsAdmin().get(), request, &account);
  };
  struct Case {
    std::string name;
    std::function<grpc::Status()> call;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"no request id", [&] { return create([](auto& r) { r.clear_request_id(); }); },
       "request_id"},
      {"bad user name",
       [&] { return create([](auto& r) { r.mutable_account()->set_user_name("Bad Name"); }); },
       "account.user_name"},
      {"no display name",
       [&] { return create([](auto& r) { r.mutable_account()->clear_display_name(); }); },
       "account.display_name"},
      {"no kind", [&] { return create([](auto& r) { r.mutable_account()->clear_kind(); }); },
       "account.kind"},
      {"unknown kind",
       [&] { return create([](auto& r) { r.mutable_account()->set_kind(iv1::AccountKind(42)); }); },
       "account.kind"},
      {"unit staff without unit",
       [&] { return create([](auto& r) { r.mutable_account()->clear_unit_code(); }); },
       "account.unit_code"},
      {"office staff in a town",
       [&] {
         return create(
             [](auto& r) { r.mutable_account()->set_kind(iv1::ACCOUNT_KIND_OFFICE_STAFF); });
       },
       "account.unit_code"},
      {"leader not in the directory",
       [&] {
         return create([](auto& r) {
           r.mutable_account()->set_kind(iv1::ACCOUNT_KIND_LEADER);
           r.mutable_account()->clear_unit_code();
           r.mutable_account()->set_leader_code("leader-nobody");
         });
       },
       "account.leader_code"},
      {"bureau staff with a unit",
       [&] {
         return create(
             [](auto& r) { r.mutable_account()->set_kind(iv1::ACCOUNT_KIND_BUREAU_STAFF); });
       },
       "account.unit_code"},
      {"weak password", [&] { return create([](auto& r) { r.set_password("weak"); }); },
       "password"},
      {"password with the user name",
       [&] { return create([](auto& r) { r.set_password("New.Person-2026"); }); }, "password"},
      {"update without etag",
       [&] {
         iv1::UpdateAccountRequest request;
         request.set_request_id("u1");
         request.mutable_account()->set_user_name("fujian.chen");
         request.mutable_update_mask()->add_paths("display_name");
         iv1::Account account;
         return stub().UpdateAccount(AsAdmin().get(), request, &account);
       },
       "account.etag"},
      {"update of a field not allowed",
       [&] {
         iv1::UpdateAccountRequest request;
         request.set_request_id("u2");
         request.mutable_account()->set_user_name("fujian.chen");
         request.mutable_account()->set_etag("\"v1\"");
         request.mutable_update_mask()->add_paths("password_change_required");
         iv1::Account account;
         return stub().UpdateAccount(AsAdmin().get(), request, &account);
       },
       "update_mask"},
      {"negative page size",
       [&] {
         iv1::ListAccountsRequest request;
         request.set_page_size(-1);
         iv1::ListAccountsResponse response;
         return stub().ListAccounts(AsAdmin().get(), request, &response);
       },
       "page_size"},
      {"sign-in without password",
       [&] {
         iv1::CreateSessionRequest request;
         request.set_user_name("fujian.chen");
         iv1::Session session;
         return stub().CreateSession(Anonymous().get(), request, &session);
       },
       "password"},
      {"sign-in without user name",
       [&] {
         iv1::CreateSessionRequest request;
         request.set_password(kPassword);
         iv1::Session session;
         return stub().CreateSession(Anonymous().get(), request, &session);
       },
       "user_name"},
      {"refresh without secret",
       [&] {
         iv1::Session session;
         return stub().RefreshSession(Anonymous().get(), {}, &session);
       },
       "session_secret"},
      {"reset without user",
       [&] {
         iv1::ResetAccountPasswordRequest request;
         request.set_request_id("r1");
         request.set_new_password("Good-Password-2026");
         iv1::Account account;
         return stub().ResetAccountPassword(AsAdmin().get(), request, &account);
       },
       "user_name"},
      {"events with a negative page size",
       [&] {
         iv1::ListSignInEventsRequest request;
         request.set_page_size(-5);
         iv1::ListSignInEventsResponse response;
         return stub().ListSignInEvents(AsAdmin().get(), request, &response);
       },
       "page_size"},
  };
  for (const Case& c : cases) {
    const grpc::Status status = c.call();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << c.name << ": " << status.error_message();
    EXPECT_EQ(DetailsOf(status).field, c.field) << c.name << ": " << status.error_message();
  }
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM accounts"), "1")
      << "nothing half-written";

  // A stale etag is ABORTED; a taken user name ALREADY_EXISTS.
  iv1::UpdateAccountRequest stale;
  stale.set_request_id("stale");
  stale.mutable_account()->set_user_name("fujian.chen");
  stale.mutable_account()->set_etag("\"v99\"");
  stale.mutable_update_mask()->add_paths("display_name");
  iv1::Account account;
  EXPECT_EQ(stub().UpdateAccount(AsAdmin().get(), stale, &account).error_code(),
            grpc::StatusCode::ABORTED);
  EXPECT_EQ(create([](auto& r) { r.mutable_account()->set_user_name("fujian.chen"); }).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(IdentityServiceTest, ARetriedCreateChangesNothingMore) {
  const iv1::Account first = CreateAccount("fujian.chen");
  const iv1::Account again = CreateAccount("fujian.chen");
  EXPECT_EQ(again.etag(), first.etag());
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM accounts"), "1");
}

TEST_F(IdentityServiceTest, EverySignInAttemptIsRecordedAndListed) {
  CreateAccount("fujian.chen");
  CreateAccount("daliu.wang", iv1::ACCOUNT_KIND_UNIT_STAFF, "town-daliu");
  iv1::Session session;
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session, "198.51.100.1").ok());
  SignIn("fujian.chen", "Wrong-Password-1", &session, "198.51.100.2");
  SignIn("ghost", "Wrong-Password-1", &session, "198.51.100.3");
  ASSERT_TRUE(SignIn("daliu.wang", kPassword, &session, "198.51.100.4").ok());
  SignIn("fujian.chen", "", &session);  // refused before it is an attempt: no password

  iv1::ListSignInEventsRequest request;
  iv1::ListSignInEventsResponse all;
  ASSERT_TRUE(stub().ListSignInEvents(AsAdmin().get(), request, &all).ok());
  ASSERT_EQ(all.events_size(), 4);
  EXPECT_EQ(all.events(0).user_name(), "daliu.wang") << "newest first";
  EXPECT_EQ(all.events(0).client_address(), "198.51.100.4");
  EXPECT_FALSE(all.events(0).session_id().empty());
  EXPECT_EQ(all.events(1).outcome(), iv1::SIGN_IN_OUTCOME_UNKNOWN_USER);
  EXPECT_EQ(all.events(2).outcome(), iv1::SIGN_IN_OUTCOME_WRONG_PASSWORD);
  EXPECT_EQ(all.events(2).client_address(), "198.51.100.2");

  request.set_user_name("fujian.chen");
  request.set_page_size(1);
  iv1::ListSignInEventsResponse page;
  ASSERT_TRUE(stub().ListSignInEvents(AsAdmin().get(), request, &page).ok());
  ASSERT_EQ(page.events_size(), 1);
  EXPECT_EQ(page.events(0).outcome(), iv1::SIGN_IN_OUTCOME_WRONG_PASSWORD);
  request.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub().ListSignInEvents(AsAdmin().get(), request, &page).ok());
  ASSERT_EQ(page.events_size(), 1);
  EXPECT_EQ(page.events(0).outcome(), iv1::SIGN_IN_OUTCOME_SUCCEEDED);
  EXPECT_TRUE(page.next_page_token().empty());
}

TEST_F(IdentityServiceTest, LeadersCarryTheirDirectoryCode) {
  CreateAccount("wang.kaijie", iv1::ACCOUNT_KIND_LEADER, "leader-deputy-head-2");
  iv1::Session session;
  ASSERT_TRUE(SignIn("wang.kaijie", kPassword, &session).ok());
  absl::StatusOr<TokenClaims> claims = ReadUnverifiedClaims(session.access_token());
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->principal.kind, PrincipalKind::kLeader);
  EXPECT_EQ(LeaderCodeOf(claims->principal), "leader-deputy-head-2");
}

TEST_F(IdentityServiceTest, TheTokenKeysArePublishedToAnyone) {
  iv1::TokenKeys keys;
  ASSERT_TRUE(stub().GetTokenKeys(Anonymous().get(), {}, &keys).ok());
  ASSERT_EQ(keys.keys_size(), 1);
  EXPECT_EQ(keys.keys(0).kid(), authority_.signer().public_key().kid);
  EXPECT_EQ(keys.keys(0).kty(), "EC");
  EXPECT_EQ(keys.keys(0).alg(), "ES256");
  EXPECT_EQ(keys.keys(0).x().size(), 43u);
  absl::StatusOr<TokenVerifier> verifier = TokenVerifier::FromPem(keys.keys(0).public_key_pem());
  ASSERT_TRUE(verifier.ok());
  EXPECT_EQ(verifier->keys()[0].kid, keys.keys(0).kid());
}

TEST_F(IdentityServiceTest, NoPasswordSecretOrTokenReachesTheLogOrTheAuditTrail) {
  InitLogging("identity");
  ::testing::internal::CaptureStderr();
  CreateAccount("fujian.chen");
  iv1::Session session, refreshed;
  SignIn("fujian.chen", "Wrong-Guess-Password-1", &session);
  ASSERT_TRUE(SignIn("fujian.chen", kPassword, &session).ok());
  ASSERT_TRUE(Refresh(session.session_secret(), &refreshed).ok());
  iv1::ChangePasswordRequest change;
  change.set_request_id("change-log");
  change.set_old_password(kPassword);
  change.set_new_password("Changed-Secret-77");
  iv1::Account account;
  ASSERT_TRUE(stub()
                  .ChangePassword(TokenAuthority::ContextWithToken(session.access_token()).get(),
                                  change, &account)
                  .ok());
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_TRUE(absl::StrContains(log, "CreateSession")) << "the calls were logged: " << log;
  const std::vector<std::string> token_parts = absl::StrSplit(session.access_token(), '.');
  for (const std::string& secret : {std::string(kPassword), std::string("Wrong-Guess-Password-1"),
                                    std::string("Changed-Secret-77"), session.session_secret(),
                                    token_parts[1], token_parts[2], std::string("$argon2id$")}) {
    EXPECT_FALSE(absl::StrContains(log, secret)) << "in the log: " << secret;
  }
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT count(*) FROM audit.events WHERE schema_name = 'identity' "
                "AND concat(before, after) LIKE '%argon2%'"),
            "0");
  EXPECT_NE(server_.database().QueryValue(
                "SELECT count(*) FROM audit.events WHERE schema_name = 'identity'"),
            "0");
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM idempotency_keys WHERE "
                                          "encode(response, 'escape') LIKE '%argon2%'"),
            "0");
}

}  // namespace
}  // namespace zs::testing

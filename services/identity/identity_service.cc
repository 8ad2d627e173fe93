#include "services/identity/identity_service.h"

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/errors.h"
#include "common/security/audit.h"
#include "common/validation.h"
#include "services/identity/password_hash.h"
#include "services/identity/sign_in_rules.h"

namespace zs::identity {
namespace {

using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

std::string Metadata(const grpc::ServerContextBase& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

// The browser's address as the gateway saw it, else the caller's own.
ClientInfo ClientOf(const grpc::CallbackServerContext& context) {
  ClientInfo client{.address = Metadata(context, kClientAddressMetadataKey),
                    .user_agent = Metadata(context, kClientUserAgentMetadataKey)};
  if (client.address.empty()) client.address = context.peer();
  return client;
}

PrincipalKind KindOf(v1::AccountKind kind) {
  switch (kind) {
    case v1::ACCOUNT_KIND_BUREAU_ADMIN:
      return PrincipalKind::kBureauAdmin;
    case v1::ACCOUNT_KIND_BUREAU_STAFF:
      return PrincipalKind::kBureauStaff;
    case v1::ACCOUNT_KIND_UNIT_STAFF:
      return PrincipalKind::kUnitStaff;
    case v1::ACCOUNT_KIND_OFFICE_STAFF:
      return PrincipalKind::kOfficeStaff;
    case v1::ACCOUNT_KIND_LEADER:
      return PrincipalKind::kLeader;
    default:
      return PrincipalKind::kAnonymous;
  }
}

void SetTime(absl::Time time, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(time));
}

absl::Status InvalidCredentials() {
  return ErrorWithReason(absl::UnauthenticatedError("wrong user name or password"),
                         "INVALID_CREDENTIALS");
}

absl::Status Disabled() {
  return ErrorWithReason(
      absl::UnauthenticatedError("the account is disabled: ask the bureau's administrator"),
      "ACCOUNT_DISABLED");
}

absl::Status Locked(absl::Time until) {
  return ErrorWithReason(
      absl::ResourceExhaustedError(absl::StrCat(
          "too many failed sign-ins: the account is locked until ",
          absl::FormatTime("%Y-%m-%d %H:%M:%S CST", until, absl::FixedTimeZone(8 * 3600)))),
      "ACCOUNT_LOCKED");
}

// A copy of a request carrying passwords with them removed: what the
// idempotency record fingerprints, so no password (not even a fast hash of
// one) is stored outside account_passwords. Kept alive by the call's work.
template <typename Request>
std::shared_ptr<Request> WithoutPasswords(const Request& request,
                                          std::initializer_list<const char*> fields) {
  auto copy = std::make_shared<Request>(request);
  for (const char* name : fields) {
    copy->GetReflection()->ClearField(copy.get(), copy->GetDescriptor()->FindFieldByName(name));
  }
  return copy;
}

}  // namespace

IdentityServiceImpl::IdentityServiceImpl(WorkerPool& pool, const Directory& directory,
                                         absl::Duration max_call_time, const Gatekeeper& gatekeeper,
                                         const TokenSigner& signer,
                                         std::vector<TokenPublicKey> published_keys,
                                         SessionSettings settings)
    : executor_(pool, max_call_time, gatekeeper, AccessPolicy::Of<v1::IdentityService>()),
      accounts_(directory),
      signer_(signer),
      published_keys_(std::move(published_keys)),
      settings_(settings) {}

// ------------------------------------------------------------------ accounts

ServerUnaryReactor* IdentityServiceImpl::CreateAccount(CallbackServerContext* context,
                                                       const v1::CreateAccountRequest* request,
                                                       v1::Account* response) {
  auto fingerprinted = WithoutPasswords(*request, {"password"});
  return executor_.Mutate(
      context, *fingerprinted, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) -> absl::Status {
        (void)fingerprinted;  // kept alive with the call
        ZS_RETURN_IF_ERROR(accounts_.Validate(request->account()));
        if (request->demo_account() && !settings_.allow_demo_accounts) {
          return FailedPrecondition(
              "DEMO_ACCOUNTS_NOT_ALLOWED",
              "demo_account: this identity service keeps no demo accounts (zs-identity "
              "--allow_demo_accounts); a person's account changes its password at the first "
              "sign-in");
        }
        ZS_RETURN_IF_ERROR(
            CheckPasswordPolicy("password", request->password(), request->account().user_name()));
        ZS_ASSIGN_OR_RETURN(std::string hash, HashPassword(request->password()));
        // A person's password set by an admin is known to two people until
        // its owner changes it; a demo account's is printed for everyone.
        return accounts_.Create(tx, request->account(), hash, !request->demo_account(), response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::GetAccount(CallbackServerContext* context,
                                                    const v1::GetAccountRequest* request,
                                                    v1::Account* response) {
  return executor_.Read(
      context, *request, response, [=, this](pqxx::transaction_base& tx, const CallContext& call) {
        // Denied before looked up: a refusal says nothing of existence.
        if (call.principal.kind != PrincipalKind::kBureauAdmin &&
            request->user_name() != call.principal.id) {
          return absl::PermissionDeniedError("only bureau admins read other people's accounts");
        }
        return accounts_.Get(tx, request->user_name(), response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::ListAccounts(CallbackServerContext* context,
                                                      const v1::ListAccountsRequest* request,
                                                      v1::ListAccountsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return accounts_.List(tx, *request, response);
                        });
}

ServerUnaryReactor* IdentityServiceImpl::UpdateAccount(CallbackServerContext* context,
                                                       const v1::UpdateAccountRequest* request,
                                                       v1::Account* response) {
  return executor_.Mutate(
      context, *request, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) -> absl::Status {
        bool deactivated = false;
        ZS_RETURN_IF_ERROR(accounts_.Update(tx, *request, response, &deactivated));
        // Disabling signs the person out everywhere, in the same transaction.
        if (deactivated) sessions_.RevokeAll(tx, response->user_name(), "ACCOUNT_DISABLED");
        return absl::OkStatus();
      });
}

ServerUnaryReactor* IdentityServiceImpl::ResetAccountPassword(
    CallbackServerContext* context, const v1::ResetAccountPasswordRequest* request,
    v1::Account* response) {
  auto fingerprinted = WithoutPasswords(*request, {"new_password"});
  return executor_.Mutate(
      context, *fingerprinted, response,
      [=, this](pqxx::transaction_base& tx, const CallContext&) -> absl::Status {
        (void)fingerprinted;
        if (request->user_name().empty()) return InvalidField("user_name", "is required");
        ZS_RETURN_IF_ERROR(
            CheckPasswordPolicy("new_password", request->new_password(), request->user_name()));
        ZS_ASSIGN_OR_RETURN(std::string hash, HashPassword(request->new_password()));
        ZS_RETURN_IF_ERROR(accounts_.SetPassword(tx, request->user_name(), hash, true));
        sessions_.RevokeAll(tx, request->user_name(), "PASSWORD_RESET");
        return accounts_.Get(tx, request->user_name(), response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::ChangePassword(CallbackServerContext* context,
                                                        const v1::ChangePasswordRequest* request,
                                                        v1::Account* response) {
  auto fingerprinted = WithoutPasswords(*request, {"old_password", "new_password"});
  return executor_.Mutate(
      context, *fingerprinted, response,
      [=, this](pqxx::transaction_base& tx, const CallContext& call) -> absl::Status {
        (void)fingerprinted;
        if (request->old_password().empty()) return InvalidField("old_password", "is required");
        const std::string& user_name = call.principal.id;
        ZS_RETURN_IF_ERROR(CheckPasswordPolicy("new_password", request->new_password(), user_name));
        if (request->new_password() == request->old_password()) {
          return InvalidField("new_password", "must differ from the old password");
        }
        absl::StatusOr<Credentials> credentials = accounts_.ReadCredentials(tx, user_name);
        if (!credentials.ok()) {
          return absl::NotFoundError(
              absl::StrCat("the token names '", user_name, "', which has no account"));
        }
        if (!VerifyPassword(credentials->password_hash, request->old_password())) {
          return ErrorWithReason(InvalidField("old_password", "does not match"), "WRONG_PASSWORD");
        }
        ZS_ASSIGN_OR_RETURN(std::string hash, HashPassword(request->new_password()));
        ZS_RETURN_IF_ERROR(accounts_.SetPassword(tx, user_name, hash, false));
        sessions_.RevokeAll(tx, user_name, "PASSWORD_CHANGED");
        return accounts_.Get(tx, user_name, response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::GetCurrentAccount(
    CallbackServerContext* context, const v1::GetCurrentAccountRequest* request,
    v1::Account* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext& call) {
                          absl::Status found = accounts_.Get(tx, call.principal.id, response);
                          if (found.code() != absl::StatusCode::kNotFound) return found;
                          return absl::NotFoundError(
                              absl::StrCat("the token names '", call.principal.id,
                                           "', which has no account (a token issued by zsctl)"));
                        });
}

// ------------------------------------------------------------------ sessions

absl::Status IdentityServiceImpl::IssueAccessToken(const v1::Account& account,
                                                   const std::string& session_id,
                                                   absl::Time session_expires_at,
                                                   v1::Session* out) const {
  const absl::Time now = absl::Now();
  TokenClaims claims{
      .principal = {.id = account.user_name(),
                    .kind = KindOf(account.kind()),
                    .unit_code = account.kind() == v1::ACCOUNT_KIND_LEADER ? account.leader_code()
                                                                           : account.unit_code()},
      .token_id = NewTokenId(),
      .issued_at = now,
      .expires_at = std::min(now + settings_.access_token_ttl, session_expires_at),
      .session_id = session_id};
  ZS_ASSIGN_OR_RETURN(std::string token, signer_.Issue(claims));
  out->set_id(session_id);
  out->set_user_name(account.user_name());
  out->set_access_token(token);
  SetTime(claims.expires_at, out->mutable_access_token_expire_time());
  SetTime(session_expires_at, out->mutable_session_expire_time());
  *out->mutable_account() = account;
  return absl::OkStatus();
}

absl::Status IdentityServiceImpl::SignIn(const CallContext& call, ConnectionSlot& slot,
                                         const std::string& user_name, const std::string& password,
                                         const ClientInfo& client, v1::Session* out) const {
  absl::StatusOr<Credentials> credentials = absl::NotFoundError("");
  ZS_RETURN_IF_ERROR(RunStatements(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    credentials = accounts_.ReadCredentials(tx, user_name);
    return credentials.ok() || credentials.status().code() == absl::StatusCode::kNotFound
               ? absl::OkStatus()
               : credentials.status();
  }));
  // The verdict, with the password checked outside any transaction.
  const absl::Time now = absl::Now();
  v1::SignInOutcome outcome = v1::SIGN_IN_OUTCOME_SUCCEEDED;
  Throttle throttle;
  if (!credentials.ok()) {
    VerifyPassword(DecoyHash(), password);  // as long as a wrong password takes
    outcome = v1::SIGN_IN_OUTCOME_UNKNOWN_USER;
  } else if (IsLocked(credentials->throttle, now)) {
    outcome = v1::SIGN_IN_OUTCOME_ACCOUNT_LOCKED;
    throttle = credentials->throttle;
  } else if (!VerifyPassword(credentials->password_hash, password)) {
    outcome = v1::SIGN_IN_OUTCOME_WRONG_PASSWORD;
    throttle = AfterFailure(credentials->throttle, now);
  } else if (!credentials->account.active()) {
    outcome = v1::SIGN_IN_OUTCOME_ACCOUNT_DISABLED;
  }
  // Recorded whatever the verdict; the session only on success.
  const absl::Time session_expires_at = now + settings_.session_ttl;
  std::string secret, session_id;
  ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
    session_id.clear();
    if (outcome == v1::SIGN_IN_OUTCOME_SUCCEEDED) {
      session_id = sessions_.Create(tx, user_name, session_expires_at, client, &secret);
      accounts_.RecordSuccess(tx, user_name);
    } else if (outcome == v1::SIGN_IN_OUTCOME_WRONG_PASSWORD) {
      accounts_.RecordFailure(tx, user_name, throttle);
    }
    sessions_.RecordSignIn(tx, user_name, outcome, client, session_id);
    return absl::OkStatus();
  }));
  switch (outcome) {
    case v1::SIGN_IN_OUTCOME_SUCCEEDED:
      break;
    case v1::SIGN_IN_OUTCOME_ACCOUNT_LOCKED:
      return Locked(throttle.locked_until);
    case v1::SIGN_IN_OUTCOME_WRONG_PASSWORD:
      // The failure that locks the account says so at once.
      return IsLocked(throttle, now) ? Locked(throttle.locked_until) : InvalidCredentials();
    case v1::SIGN_IN_OUTCOME_ACCOUNT_DISABLED:
      return Disabled();
    default:
      return InvalidCredentials();
  }
  v1::Account account = credentials->account;
  account.clear_locked_until_time();
  SetTime(now, account.mutable_last_sign_in_time());
  ZS_RETURN_IF_ERROR(IssueAccessToken(account, session_id, session_expires_at, out));
  out->set_session_secret(secret);
  return absl::OkStatus();
}

ServerUnaryReactor* IdentityServiceImpl::CreateSession(CallbackServerContext* context,
                                                       const v1::CreateSessionRequest* request,
                                                       v1::Session* response) {
  const ClientInfo client = ClientOf(*context);
  return executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        if (request->user_name().empty()) return InvalidField("user_name", "is required");
        if (request->user_name().size() > 64) return InvalidField("user_name", "too long");
        if (request->password().empty()) return InvalidField("password", "is required");
        if (request->password().size() > 1024) return InvalidField("password", "too long");
        const std::string user_name = absl::AsciiStrToLower(request->user_name());
        return SignIn(call, slot, user_name, request->password(), client, response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::RefreshSession(CallbackServerContext* context,
                                                        const v1::RefreshSessionRequest* request,
                                                        v1::Session* response) {
  return executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        if (request->session_secret().empty()) {
          return InvalidField("session_secret", "is required");
        }
        LiveSession session;
        v1::Account account;
        ZS_RETURN_IF_ERROR(RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          ZS_ASSIGN_OR_RETURN(session, sessions_.FindLive(tx, request->session_secret()));
          return accounts_.Get(tx, session.user_name, &account);
        }));
        // Disabling revokes sessions; this guards an account disabled by
        // any other path.
        if (!account.active()) return Disabled();
        return IssueAccessToken(account, session.id, session.expires_at, response);
      });
}

ServerUnaryReactor* IdentityServiceImpl::DeleteSession(CallbackServerContext* context,
                                                       const v1::DeleteSessionRequest* request,
                                                       v1::DeleteSessionResponse* response) {
  return executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot& slot) -> absl::Status {
        (void)response;
        if (request->session_secret().empty()) {
          return InvalidField("session_secret", "is required");
        }
        return RunTransaction(slot, call.deadline, [&](pqxx::transaction_base& tx) {
          sessions_.Revoke(tx, request->session_secret(), "SIGNED_OUT");
          return absl::OkStatus();
        });
      });
}

ServerUnaryReactor* IdentityServiceImpl::ListSignInEvents(
    CallbackServerContext* context, const v1::ListSignInEventsRequest* request,
    v1::ListSignInEventsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=, this](pqxx::transaction_base& tx, const CallContext&) {
                          return sessions_.ListSignInEvents(tx, *request, response);
                        });
}

ServerUnaryReactor* IdentityServiceImpl::GetTokenKeys(CallbackServerContext* context,
                                                      const v1::GetTokenKeysRequest* request,
                                                      v1::TokenKeys* response) {
  return executor_.Run(context, *request, [=, this](const CallContext&, ConnectionSlot&) {
    response->Clear();
    for (const TokenPublicKey& key : published_keys_) {
      v1::TokenKey* out = response->add_keys();
      out->set_kty("EC");
      out->set_crv("P-256");
      out->set_x(key.x);
      out->set_y(key.y);
      out->set_kid(key.kid);
      out->set_alg("ES256");
      out->set_use("sig");
      out->set_public_key_pem(key.pem);
    }
    return absl::OkStatus();
  });
}

ServerUnaryReactor* IdentityServiceImpl::ListAuditEvents(CallbackServerContext* context,
                                                         const cv1::ListAuditEventsRequest* request,
                                                         cv1::ListAuditEventsResponse* response) {
  return executor_.Read(context, *request, response,
                        [=](pqxx::transaction_base& tx, const CallContext&) {
                          return zs::ListAuditEvents(tx, *request, response);
                        });
}

}  // namespace zs::identity

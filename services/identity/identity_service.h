// The IdentityService RPCs: accounts (admins), one's own password, sign-in
// sessions and the token keys. Signing in checks the password (Argon2id,
// ~50 ms) outside any transaction, then records the attempt, the throttle
// and the new session in one; a refused attempt is recorded too.
#pragma once

#include <vector>

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/directory.h"
#include "common/rpc.h"
#include "common/security/token.h"
#include "services/identity/account_store.h"
#include "services/identity/session_store.h"
#include "zhaoshang/identity/v1/identity_service.grpc.pb.h"

namespace zs::identity {

namespace cv1 = ::zhaoshang::common::v1;

struct SessionSettings {
  absl::Duration access_token_ttl = absl::Minutes(10);
  absl::Duration session_ttl = absl::Hours(12);
  // CreateAccount may set `demo_account` (the initial password is kept, no
  // change at first sign-in): only for a demo district on a developer's
  // machine or in a test suite, never in production.
  bool allow_demo_accounts = false;
};

// Metadata the gateway sets with the browser's address and user agent.
inline constexpr char kClientAddressMetadataKey[] = "x-zs-client-address";
inline constexpr char kClientUserAgentMetadataKey[] = "x-zs-client-user-agent";

class IdentityServiceImpl final : public v1::IdentityService::CallbackService {
 public:
  // `signer` signs access tokens; `published_keys` is what GetTokenKeys
  // answers (the signer's public key and any other key still trusted).
  IdentityServiceImpl(WorkerPool& pool, const Directory& directory, absl::Duration max_call_time,
                      const Gatekeeper& gatekeeper, const TokenSigner& signer,
                      std::vector<TokenPublicKey> published_keys, SessionSettings settings);

  grpc::ServerUnaryReactor* CreateAccount(grpc::CallbackServerContext* context,
                                          const v1::CreateAccountRequest* request,
                                          v1::Account* response) override;
  grpc::ServerUnaryReactor* GetAccount(grpc::CallbackServerContext* context,
                                       const v1::GetAccountRequest* request,
                                       v1::Account* response) override;
  grpc::ServerUnaryReactor* ListAccounts(grpc::CallbackServerContext* context,
                                         const v1::ListAccountsRequest* request,
                                         v1::ListAccountsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateAccount(grpc::CallbackServerContext* context,
                                          const v1::UpdateAccountRequest* request,
                                          v1::Account* response) override;
  grpc::ServerUnaryReactor* ResetAccountPassword(grpc::CallbackServerContext* context,
                                                 const v1::ResetAccountPasswordRequest* request,
                                                 v1::Account* response) override;
  grpc::ServerUnaryReactor* ChangePassword(grpc::CallbackServerContext* context,
                                           const v1::ChangePasswordRequest* request,
                                           v1::Account* response) override;
  grpc::ServerUnaryReactor* GetCurrentAccount(grpc::CallbackServerContext* context,
                                              const v1::GetCurrentAccountRequest* request,
                                              v1::Account* response) override;
  grpc::ServerUnaryReactor* CreateSession(grpc::CallbackServerContext* context,
                                          const v1::CreateSessionRequest* request,
                                          v1::Session* response) override;
  grpc::ServerUnaryReactor* RefreshSession(grpc::CallbackServerContext* context,
                                           const v1::RefreshSessionRequest* request,
                                           v1::Session* response) override;
  grpc::ServerUnaryReactor* DeleteSession(grpc::CallbackServerContext* context,
                                          const v1::DeleteSessionRequest* request,
                                          v1::DeleteSessionResponse* response) override;
  grpc::ServerUnaryReactor* ListSignInEvents(grpc::CallbackServerContext* context,
                                             const v1::ListSignInEventsRequest* request,
                                             v1::ListSignInEventsResponse* response) override;
  grpc::ServerUnaryReactor* GetTokenKeys(grpc::CallbackServerContext* context,
                                         const v1::GetTokenKeysRequest* request,
                                         v1::TokenKeys* response) override;
  grpc::ServerUnaryReactor* ListAuditEvents(grpc::CallbackServerContext* context,
                                            const cv1::ListAuditEventsRequest* request,
                                            cv1::ListAuditEventsResponse* response) override;

 private:
  // Signs in with checked credentials: `outcome` and, on success, the session.
  absl::Status SignIn(const CallContext& call, ConnectionSlot& slot, const std::string& user_name,
                      const std::string& password, const ClientInfo& client,
                      v1::Session* out) const;
  // Fills the access token fields of `out` for `account` in session `session_id`.
  absl::Status IssueAccessToken(const v1::Account& account, const std::string& session_id,
                                absl::Time session_expires_at, v1::Session* out) const;

  RpcExecutor executor_;
  AccountStore accounts_;
  SessionStore sessions_;
  const TokenSigner& signer_;
  const std::vector<TokenPublicKey> published_keys_;
  const SessionSettings settings_;
};

}  // namespace zs::identity

// The SQL of sessions and sign-in events. A session is found by the SHA-256
// of its secret; the secret itself is never stored.
#pragma once

#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "zhaoshang/identity/v1/identity_service.pb.h"

namespace zs::identity {

namespace v1 = ::zhaoshang::identity::v1;

// Where a sign-in came from (passed by the gateway in metadata).
struct ClientInfo {
  std::string address;
  std::string user_agent;
};

struct LiveSession {
  std::string id;
  std::string user_name;
  absl::Time expires_at;
};

class SessionStore {
 public:
  // Stores a new session for `user_name`; returns its id and fills `secret`.
  std::string Create(pqxx::transaction_base& tx, const std::string& user_name,
                     absl::Time expires_at, const ClientInfo& client, std::string* secret) const;
  // The live session `secret` opens: UNAUTHENTICATED with reason
  // SESSION_NOT_FOUND, SESSION_REVOKED or SESSION_EXPIRED otherwise.
  absl::StatusOr<LiveSession> FindLive(pqxx::transaction_base& tx, const std::string& secret) const;
  // Revokes the session `secret` opens, if any and live.
  void Revoke(pqxx::transaction_base& tx, const std::string& secret,
              const std::string& reason) const;
  // Revokes every live session of `user_name`; returns how many.
  int RevokeAll(pqxx::transaction_base& tx, const std::string& user_name,
                const std::string& reason) const;

  void RecordSignIn(pqxx::transaction_base& tx, const std::string& user_name,
                    v1::SignInOutcome outcome, const ClientInfo& client,
                    const std::string& session_id) const;
  absl::Status ListSignInEvents(pqxx::transaction_base& tx,
                                const v1::ListSignInEventsRequest& request,
                                v1::ListSignInEventsResponse* out) const;
};

}  // namespace zs::identity

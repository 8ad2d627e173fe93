#include "services/identity/session_store.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "common/errors.h"
#include "common/page_token.h"
#include "common/paging.h"
#include "common/security/token.h"
#include "common/sql_row.h"

namespace zs::identity {
namespace {

constexpr char kInsertSession[] =
    "INSERT INTO sessions (id, secret_hash, user_name, expires_at, client_address) "
    "VALUES ($1, $2, $3, to_timestamp($4::float8 / 1e6), $5)";
constexpr char kFindSession[] =
    "SELECT id, user_name, (extract(epoch FROM expires_at) * 1000000)::bigint, "
    "revoked_at IS NOT NULL, expires_at <= now() FROM sessions WHERE secret_hash = $1";
constexpr char kTouchSession[] = "UPDATE sessions SET last_used_at = now() WHERE id = $1";
constexpr char kRevokeSession[] =
    "UPDATE sessions SET revoked_at = now(), revoked_reason = $2 "
    "WHERE secret_hash = $1 AND revoked_at IS NULL";
constexpr char kRevokeAll[] =
    "UPDATE sessions SET revoked_at = now(), revoked_reason = $2 "
    "WHERE user_name = $1 AND revoked_at IS NULL";
constexpr char kInsertSignIn[] =
    "INSERT INTO sign_in_events (user_name, outcome, client_address, user_agent, session_id) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr char kListSignIns[] =
    "SELECT id, (extract(epoch FROM at) * 1000000)::bigint, user_name, outcome, "
    "client_address, user_agent, session_id FROM sign_in_events "
    "WHERE ($1::text IS NULL OR user_name = $1) AND ($2::int IS NULL OR outcome = $2) "
    "AND ($3::bigint IS NULL OR id < $3) ORDER BY id DESC LIMIT $4";

// 256 random bits, base64url without padding (43 characters).
std::string NewSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no entropy: nothing is safe
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

pqxx::binarystring SecretHash(const std::string& secret) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), digest);
  return pqxx::binarystring(digest, sizeof digest);
}

absl::Status Refused(absl::string_view reason, absl::string_view message) {
  return ErrorWithReason(absl::UnauthenticatedError(message), reason);
}

}  // namespace

std::string SessionStore::Create(pqxx::transaction_base& tx, const std::string& user_name,
                                 absl::Time expires_at, const ClientInfo& client,
                                 std::string* secret) const {
  const std::string id = NewTokenId();
  *secret = NewSecret();
  tx.exec_params0(kInsertSession, id, SecretHash(*secret), user_name,
                  absl::ToUnixMicros(expires_at), client.address);
  return id;
}

absl::StatusOr<LiveSession> SessionStore::FindLive(pqxx::transaction_base& tx,
                                                   const std::string& secret) const {
  const pqxx::result rows = tx.exec_params(kFindSession, SecretHash(secret));
  if (rows.empty()) return Refused("SESSION_NOT_FOUND", "no such session: sign in again");
  if (rows[0][3].as<bool>())
    return Refused("SESSION_REVOKED", "the session was ended: sign in again");
  if (rows[0][4].as<bool>())
    return Refused("SESSION_EXPIRED", "the session has expired: sign in again");
  LiveSession session{.id = rows[0][0].as<std::string>(),
                      .user_name = rows[0][1].as<std::string>(),
                      .expires_at = absl::FromUnixMicros(rows[0][2].as<int64_t>())};
  tx.exec_params0(kTouchSession, session.id);
  return session;
}

void SessionStore::Revoke(pqxx::transaction_base& tx, const std::string& secret,
                          const std::string& reason) const {
  tx.exec_params0(kRevokeSession, SecretHash(secret), reason);
}

int SessionStore::RevokeAll(pqxx::transaction_base& tx, const std::string& user_name,
                            const std::string& reason) const {
  return static_cast<int>(tx.exec_params0(kRevokeAll, user_name, reason).affected_rows());
}

void SessionStore::RecordSignIn(pqxx::transaction_base& tx, const std::string& user_name,
                                v1::SignInOutcome outcome, const ClientInfo& client,
                                const std::string& session_id) const {
  tx.exec_params0(kInsertSignIn, user_name.substr(0, 64), static_cast<int>(outcome),
                  client.address.substr(0, 128), client.user_agent.substr(0, 256), session_id);
}

absl::Status SessionStore::ListSignInEvents(pqxx::transaction_base& tx,
                                            const v1::ListSignInEventsRequest& request,
                                            v1::ListSignInEventsResponse* out) const {
  if (!v1::SignInOutcome_IsValid(request.outcome())) {
    return InvalidField("outcome", "unknown value");
  }
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows =
      tx.exec_params(kListSignIns, NullIfEmpty(request.user_name()), NullIfZero(request.outcome()),
                     page->after_id, page->limit + 1);
  FillPage(rows, *page, fingerprint, out->mutable_events(), out->mutable_next_page_token(),
           [](const pqxx::row& row, v1::SignInEvent* event) {
             event->set_id(row[0].as<int64_t>());
             SetTimestampMicros(row[1], event->mutable_time());
             event->set_user_name(row[2].as<std::string>());
             event->set_outcome(static_cast<v1::SignInOutcome>(row[3].as<int>()));
             event->set_client_address(row[4].as<std::string>());
             event->set_user_agent(row[5].as<std::string>());
             event->set_session_id(row[6].as<std::string>());
           });
  return absl::OkStatus();
}

}  // namespace zs::identity

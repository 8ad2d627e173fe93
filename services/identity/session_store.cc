#include "services/identity/session_store.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/page_token.h"
#include "common/paging.h"
#include "common/security/token.h"
#include "common/sql_row.h"
#include "services/identity/queries.h"
#include "services/identity/sign_in_rules.h"

namespace zs::identity {
namespace {

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
  std::string id = NewTokenId();
  *secret = NewSecret();
  Exec(tx, queries::kSessionCreate, id, SecretHash(*secret), user_name,
       absl::ToUnixMicros(expires_at), client.address);
  return id;
}

absl::StatusOr<LiveSession> SessionStore::FindLive(pqxx::transaction_base& tx,
                                                   const std::string& secret) const {
  const pqxx::result rows = Exec(tx, queries::kSessionFind, SecretHash(secret));
  if (rows.empty()) return Refused("SESSION_NOT_FOUND", "no such session: sign in again");
  const pqxx::row& row = rows[0];
  ZS_RETURN_IF_ERROR(CheckSessionLive(row["revoked"].as<bool>(), row["expired"].as<bool>()));
  LiveSession session{.id = row["id"].as<std::string>(),
                      .user_name = row["user_name"].as<std::string>(),
                      .expires_at = absl::FromUnixMicros(row["expires_micros"].as<int64_t>())};
  Exec(tx, queries::kSessionTouch, session.id);
  return session;
}

void SessionStore::Revoke(pqxx::transaction_base& tx, const std::string& secret,
                          const std::string& reason) const {
  Exec(tx, queries::kSessionRevoke, SecretHash(secret), reason);
}

int SessionStore::RevokeAll(pqxx::transaction_base& tx, const std::string& user_name,
                            const std::string& reason) const {
  return static_cast<int>(Exec(tx, queries::kSessionRevokeAll, user_name, reason).affected_rows());
}

void SessionStore::RecordSignIn(pqxx::transaction_base& tx, const std::string& user_name,
                                v1::SignInOutcome outcome, const ClientInfo& client,
                                const std::string& session_id) const {
  Exec(tx, queries::kSignInRecord, user_name.substr(0, 64), static_cast<int>(outcome),
       client.address.substr(0, 128), client.user_agent.substr(0, 256), session_id);
}

absl::Status SessionStore::ListSignInEvents(pqxx::transaction_base& tx,
                                            const v1::ListSignInEventsRequest& request,
                                            v1::ListSignInEventsResponse* out) const {
  if (!v1::SignInOutcome_IsValid(request.outcome())) {
    return InvalidField("outcome", "unknown value");
  }
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kSignInList, NullIfEmpty(request.user_name()),
           NullIfZero(request.outcome()), page.after_id(), page.fetch_limit());
  page.Fill(
      rows, out->mutable_events(), out->mutable_next_page_token(),
      [](const pqxx::row& row, v1::SignInEvent* event) {
        event->set_id(FieldNamed(row, "id").as<int64_t>());
        SetTimestampMicros(FieldNamed(row, "at_micros"), event->mutable_time());
        event->set_user_name(FieldNamed(row, "user_name").as<std::string>());
        event->set_outcome(static_cast<v1::SignInOutcome>(FieldNamed(row, "outcome").as<int>()));
        event->set_client_address(FieldNamed(row, "client_address").as<std::string>());
        event->set_user_agent(FieldNamed(row, "user_agent").as<std::string>());
        event->set_session_id(FieldNamed(row, "session_id").as<std::string>());
      });
  return absl::OkStatus();
}

}  // namespace zs::identity

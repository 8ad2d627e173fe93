#include "services/identity/account_store.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/page_token.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "common/validation.h"

namespace zs::identity {
namespace {

// The lockout end joins the account from the throttle table.
constexpr char kSelectAccount[] =
    "SELECT a.user_name, a.display_name, a.kind, a.unit_code, a.leader_code, a.active, "
    "a.password_change_required, "
    "(extract(epoch FROM a.password_changed_at) * 1000000)::bigint, "
    "(SELECT (extract(epoch FROM max(e.at)) * 1000000)::bigint FROM sign_in_events e "
    "WHERE e.user_name = a.user_name AND e.outcome = 1), "
    "(extract(epoch FROM a.created_at) * 1000000)::bigint, "
    "(extract(epoch FROM a.updated_at) * 1000000)::bigint, a.version, "
    "(extract(epoch FROM t.locked_until) * 1000000)::bigint, a.number "
    "FROM accounts a LEFT JOIN sign_in_throttle t "
    "ON t.user_name = a.user_name AND t.locked_until > now() ";

constexpr char kInsertAccount[] =
    "INSERT INTO accounts (user_name, display_name, kind, unit_code, leader_code, "
    "password_change_required) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_name) DO NOTHING RETURNING user_name";
constexpr char kInsertPassword[] =
    "INSERT INTO account_passwords (user_name, hash) VALUES ($1, $2)";
constexpr char kLockAccount[] = "SELECT version FROM accounts WHERE user_name = $1 FOR UPDATE";
constexpr char kUpdateAccount[] =
    "UPDATE accounts SET display_name = $2, kind = $3, unit_code = $4, leader_code = $5, "
    "active = $6, updated_at = now(), version = version + 1 WHERE user_name = $1";
constexpr char kSetPassword[] =
    "WITH account AS (UPDATE accounts SET password_change_required = $3, "
    "password_changed_at = now(), updated_at = now(), version = version + 1 "
    "WHERE user_name = $1 RETURNING user_name), "
    "cleared AS (DELETE FROM sign_in_throttle WHERE user_name IN (SELECT user_name FROM account)) "
    "UPDATE account_passwords SET hash = $2 WHERE user_name IN (SELECT user_name FROM account) "
    "RETURNING user_name";
constexpr char kReadCredentials[] =
    "SELECT p.hash, COALESCE(t.failures, 0), "
    "(extract(epoch FROM t.window_start) * 1000000)::bigint, "
    "(extract(epoch FROM t.locked_until) * 1000000)::bigint "
    "FROM account_passwords p LEFT JOIN sign_in_throttle t USING (user_name) "
    "WHERE p.user_name = $1";
constexpr char kRecordFailure[] =
    "INSERT INTO sign_in_throttle (user_name, failures, window_start, locked_until) "
    "VALUES ($1, $2, to_timestamp($3::float8 / 1e6), to_timestamp($4::float8 / 1e6)) "
    "ON CONFLICT (user_name) DO UPDATE SET failures = EXCLUDED.failures, "
    "window_start = EXCLUDED.window_start, locked_until = EXCLUDED.locked_until";
constexpr char kRecordSuccess[] = "DELETE FROM sign_in_throttle WHERE user_name = $1";

void AccountFromRow(const pqxx::row& row, v1::Account* out) {
  out->set_user_name(row[0].as<std::string>());
  out->set_display_name(row[1].as<std::string>());
  out->set_kind(static_cast<v1::AccountKind>(row[2].as<int>()));
  out->set_unit_code(row[3].as<std::string>());
  out->set_leader_code(row[4].as<std::string>());
  out->set_active(row[5].as<bool>());
  out->set_password_change_required(row[6].as<bool>());
  SetTimestampMicros(row[7], out->mutable_password_change_time());
  if (!row[8].is_null()) SetTimestampMicros(row[8], out->mutable_last_sign_in_time());
  SetTimestampMicros(row[9], out->mutable_create_time());
  SetTimestampMicros(row[10], out->mutable_update_time());
  out->set_etag(FormatEtag(row[11].as<int64_t>()));
  if (!row[12].is_null()) SetTimestampMicros(row[12], out->mutable_locked_until_time());
}

absl::Time TimeOrPast(const pqxx::field& micros) {
  return micros.is_null() ? absl::InfinitePast() : absl::FromUnixMicros(micros.as<int64_t>());
}

int64_t MicrosOrZero(absl::Time time) {
  return time == absl::InfinitePast() ? 0 : absl::ToUnixMicros(time);
}

}  // namespace

absl::Status AccountStore::Validate(const v1::Account& account) const {
  ZS_RETURN_IF_ERROR(CheckUserName("account.user_name", account.user_name()));
  ZS_RETURN_IF_ERROR(ValidateRequiredText("account.display_name", account.display_name(), 64));
  const bool needs_unit = account.kind() == v1::ACCOUNT_KIND_UNIT_STAFF ||
                          account.kind() == v1::ACCOUNT_KIND_OFFICE_STAFF;
  const bool needs_leader = account.kind() == v1::ACCOUNT_KIND_LEADER;
  if (account.kind() == v1::ACCOUNT_KIND_UNSPECIFIED) {
    return InvalidField("account.kind", "is required");
  }
  if (!v1::AccountKind_IsValid(account.kind()))
    return InvalidField("account.kind", "unknown value");
  if (needs_unit) {
    if (account.unit_code().empty()) {
      return InvalidField("account.unit_code", "is required for unit and office staff");
    }
    const bool office = account.kind() == v1::ACCOUNT_KIND_OFFICE_STAFF;
    if (office ? !directory_.IsOffice(account.unit_code())
               : !directory_.IsUnit(account.unit_code())) {
      return InvalidField("account.unit_code",
                          absl::StrCat("'", account.unit_code(), "' is not ",
                                       office ? "a remote office" : "a unit", " in the directory"));
    }
  } else if (!account.unit_code().empty()) {
    return InvalidField("account.unit_code", "only unit and office staff belong to a unit");
  }
  if (needs_leader) {
    if (account.leader_code().empty()) {
      return InvalidField("account.leader_code", "is required for leaders");
    }
    if (!directory_.IsLeader(account.leader_code())) {
      return InvalidField(
          "account.leader_code",
          absl::StrCat("'", account.leader_code(), "' is not a leader in the directory"));
    }
  } else if (!account.leader_code().empty()) {
    return InvalidField("account.leader_code", "only leaders have a leader code");
  }
  return absl::OkStatus();
}

absl::Status AccountStore::Create(pqxx::transaction_base& tx, const v1::Account& account,
                                  const std::string& password_hash, bool change_required,
                                  v1::Account* out) const {
  ZS_RETURN_IF_ERROR(Validate(account));
  if (tx.exec_params(kInsertAccount, account.user_name(), account.display_name(),
                     static_cast<int>(account.kind()), account.unit_code(), account.leader_code(),
                     change_required)
          .empty()) {
    return AlreadyExists("ACCOUNT_EXISTS",
                         absl::StrCat("account '", account.user_name(), "' already exists"));
  }
  tx.exec_params0(kInsertPassword, account.user_name(), password_hash);
  return Get(tx, account.user_name(), out);
}

absl::Status AccountStore::Get(pqxx::transaction_base& tx, const std::string& user_name,
                               v1::Account* out) const {
  if (user_name.empty()) return InvalidField("user_name", "is required");
  const pqxx::result rows =
      tx.exec_params(absl::StrCat(kSelectAccount, "WHERE a.user_name = $1"), user_name);
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  AccountFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status AccountStore::List(pqxx::transaction_base& tx, const v1::ListAccountsRequest& request,
                                v1::ListAccountsResponse* out) const {
  if (!v1::AccountKind_IsValid(request.kind())) return InvalidField("kind", "unknown value");
  const std::string fingerprint = ListFingerprint(request);
  absl::StatusOr<PageRequest> page =
      ParsePageRequest(request.page_size(), request.page_token(), fingerprint);
  if (!page.ok()) return page.status();
  const pqxx::result rows = tx.exec_params(
      absl::StrCat(kSelectAccount,
                   "WHERE ($1::int IS NULL OR a.kind = $1) AND ($2::text IS NULL OR "
                   "a.unit_code = $2) AND ($3 OR a.active) AND ($4::bigint IS NULL OR "
                   "a.number < $4) ORDER BY a.number DESC LIMIT $5"),
      NullIfZero(request.kind()), NullIfEmpty(request.unit_code()), request.include_disabled(),
      page->after_id, page->limit + 1);
  const int shown = std::min<int>(static_cast<int>(rows.size()), page->limit);
  for (int i = 0; i < shown; ++i) AccountFromRow(rows[i], out->add_accounts());
  if (static_cast<int>(rows.size()) > page->limit) {
    out->set_next_page_token(MakePageToken(rows[shown - 1][13].as<int64_t>(), fingerprint));
  }
  return absl::OkStatus();
}

absl::Status AccountStore::Update(pqxx::transaction_base& tx,
                                  const v1::UpdateAccountRequest& request, v1::Account* out,
                                  bool* deactivated) const {
  const std::string& user_name = request.account().user_name();
  if (user_name.empty()) return InvalidField("account.user_name", "is required");
  if (request.update_mask().paths().empty()) return InvalidField("update_mask", "is required");
  const pqxx::result locked = tx.exec_params(kLockAccount, user_name);
  if (locked.empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  const absl::Status etag =
      CheckEtag("account", 0, request.account().etag(), locked[0][0].as<int64_t>());
  if (!etag.ok()) {
    return etag.code() == absl::StatusCode::kAborted
               ? ErrorWithReason(absl::AbortedError(absl::StrCat(
                                     "account '", user_name,
                                     "' was changed by someone else (etag is stale): fetch it "
                                     "again and reapply your change")),
                                 "STALE_ETAG")
               : etag;
  }
  v1::Account current;
  ZS_RETURN_IF_ERROR(Get(tx, user_name, &current));
  const bool was_active = current.active();
  ZS_RETURN_IF_ERROR(ApplyFieldMask(request.account(), request.update_mask(),
                                    {"display_name", "kind", "unit_code", "leader_code", "active"},
                                    &current));
  ZS_RETURN_IF_ERROR(Validate(current));
  tx.exec_params0(kUpdateAccount, user_name, current.display_name(),
                  static_cast<int>(current.kind()), current.unit_code(), current.leader_code(),
                  current.active());
  *deactivated = was_active && !current.active();
  return Get(tx, user_name, out);
}

absl::Status AccountStore::SetPassword(pqxx::transaction_base& tx, const std::string& user_name,
                                       const std::string& password_hash,
                                       bool change_required) const {
  if (tx.exec_params(kSetPassword, user_name, password_hash, change_required).empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Credentials> AccountStore::ReadCredentials(pqxx::transaction_base& tx,
                                                          const std::string& user_name) const {
  Credentials credentials;
  ZS_RETURN_IF_ERROR(Get(tx, user_name, &credentials.account));
  const pqxx::result rows = tx.exec_params(kReadCredentials, user_name);
  if (rows.empty()) return absl::NotFoundError("no password");
  credentials.password_hash = rows[0][0].as<std::string>();
  credentials.throttle.failures = rows[0][1].as<int>();
  credentials.throttle.window_start = TimeOrPast(rows[0][2]);
  credentials.throttle.locked_until = TimeOrPast(rows[0][3]);
  return credentials;
}

void AccountStore::RecordFailure(pqxx::transaction_base& tx, const std::string& user_name,
                                 const Throttle& throttle) const {
  tx.exec_params0(kRecordFailure, user_name, throttle.failures, MicrosOrZero(throttle.window_start),
                  throttle.locked_until == absl::InfinitePast()
                      ? std::optional<int64_t>()
                      : std::optional<int64_t>(absl::ToUnixMicros(throttle.locked_until)));
}

void AccountStore::RecordSuccess(pqxx::transaction_base& tx, const std::string& user_name) const {
  tx.exec_params0(kRecordSuccess, user_name);
}

}  // namespace zs::identity

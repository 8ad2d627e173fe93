#include "services/identity/account_store.h"

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/errors.h"
#include "common/etag.h"
#include "common/field_mask.h"
#include "common/page_token.h"
#include "common/paging.h"
#include "common/sql_row.h"
#include "services/identity/account_rules.h"
#include "services/identity/queries.h"

namespace zs::identity {
namespace {

// The columns of account.get and account.list.
void AccountFromRow(const pqxx::row& row, v1::Account* out) {
  out->set_user_name(FieldNamed(row, "user_name").as<std::string>());
  out->set_display_name(FieldNamed(row, "display_name").as<std::string>());
  out->set_kind(static_cast<v1::AccountKind>(FieldNamed(row, "kind").as<int>()));
  out->set_unit_code(FieldNamed(row, "unit_code").as<std::string>());
  out->set_leader_code(FieldNamed(row, "leader_code").as<std::string>());
  out->set_active(FieldNamed(row, "active").as<bool>());
  out->set_password_change_required(FieldNamed(row, "password_change_required").as<bool>());
  SetTimestampMicros(FieldNamed(row, "password_changed_micros"),
                     out->mutable_password_change_time());
  const pqxx::field last_sign_in = FieldNamed(row, "last_sign_in_micros");
  if (!last_sign_in.is_null()) SetTimestampMicros(last_sign_in, out->mutable_last_sign_in_time());
  SetTimestampMicros(FieldNamed(row, "created_micros"), out->mutable_create_time());
  SetTimestampMicros(FieldNamed(row, "updated_micros"), out->mutable_update_time());
  out->set_etag(FormatEtag(FieldNamed(row, "version").as<int64_t>()));
  const pqxx::field locked_until = FieldNamed(row, "locked_until_micros");
  if (!locked_until.is_null()) SetTimestampMicros(locked_until, out->mutable_locked_until_time());
}

absl::Time TimeOrPast(const pqxx::field& micros) {
  return micros.is_null() ? absl::InfinitePast() : absl::FromUnixMicros(micros.as<int64_t>());
}

int64_t MicrosOrZero(absl::Time time) {
  return time == absl::InfinitePast() ? 0 : absl::ToUnixMicros(time);
}

}  // namespace

absl::Status AccountStore::Validate(const v1::Account& account) const {
  return ValidateAccount(account, directory_);
}

absl::Status AccountStore::Create(pqxx::transaction_base& tx, const v1::Account& account,
                                  const std::string& password_hash, bool change_required,
                                  v1::Account* out) const {
  ZS_RETURN_IF_ERROR(Validate(account));
  if (Exec(tx, queries::kAccountCreate, account.user_name(), account.display_name(),
           static_cast<int>(account.kind()), account.unit_code(), account.leader_code(),
           change_required)
          .empty()) {
    return AlreadyExists("ACCOUNT_EXISTS",
                         absl::StrCat("account '", account.user_name(), "' already exists"));
  }
  Exec(tx, queries::kAccountCreatePassword, account.user_name(), password_hash);
  return Get(tx, account.user_name(), out);
}

absl::Status AccountStore::Get(pqxx::transaction_base& tx, const std::string& user_name,
                               v1::Account* out) const {
  if (user_name.empty()) return InvalidField("user_name", "is required");
  const pqxx::result rows = Exec(tx, queries::kAccountGet, user_name);
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  AccountFromRow(rows[0], out);
  return absl::OkStatus();
}

absl::Status AccountStore::List(pqxx::transaction_base& tx, const v1::ListAccountsRequest& request,
                                v1::ListAccountsResponse* out) const {
  if (!v1::AccountKind_IsValid(request.kind())) return InvalidField("kind", "unknown value");
  ZS_ASSIGN_OR_RETURN(const ListPage page, ListPage::Of(request));
  const pqxx::result rows =
      Exec(tx, queries::kAccountList, NullIfZero(request.kind()), NullIfEmpty(request.unit_code()),
           request.include_disabled(), page.after_id(), page.fetch_limit());
  page.FillKeyedBy("number", rows, out->mutable_accounts(), out->mutable_next_page_token(),
                   AccountFromRow);
  return absl::OkStatus();
}

absl::Status AccountStore::Update(pqxx::transaction_base& tx,
                                  const v1::UpdateAccountRequest& request, v1::Account* out,
                                  bool* deactivated) const {
  const std::string& user_name = request.account().user_name();
  if (user_name.empty()) return InvalidField("account.user_name", "is required");
  if (request.update_mask().paths().empty()) return InvalidField("update_mask", "is required");
  const pqxx::result locked = Exec(tx, queries::kAccountLock, user_name);
  if (locked.empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  const absl::Status etag =
      CheckEtag("account", 0, request.account().etag(), locked[0]["version"].as<int64_t>());
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
  Exec(tx, queries::kAccountUpdate, user_name, current.display_name(),
       static_cast<int>(current.kind()), current.unit_code(), current.leader_code(),
       current.active());
  *deactivated = was_active && !current.active();
  return Get(tx, user_name, out);
}

absl::Status AccountStore::SetPassword(pqxx::transaction_base& tx, const std::string& user_name,
                                       const std::string& password_hash,
                                       bool change_required) const {
  if (Exec(tx, queries::kAccountSetPassword, user_name, password_hash, change_required).empty()) {
    return absl::NotFoundError(absl::StrCat("account '", user_name, "' not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Credentials> AccountStore::ReadCredentials(pqxx::transaction_base& tx,
                                                          const std::string& user_name) const {
  Credentials credentials;
  ZS_RETURN_IF_ERROR(Get(tx, user_name, &credentials.account));
  const pqxx::result rows = Exec(tx, queries::kAccountCredentials, user_name);
  if (rows.empty()) return absl::NotFoundError("no password");
  credentials.password_hash = rows[0]["hash"].as<std::string>();
  credentials.throttle.failures = rows[0]["failures"].as<int>();
  credentials.throttle.window_start = TimeOrPast(rows[0]["window_start_micros"]);
  credentials.throttle.locked_until = TimeOrPast(rows[0]["locked_until_micros"]);
  return credentials;
}

void AccountStore::RecordFailure(pqxx::transaction_base& tx, const std::string& user_name,
                                 const Throttle& throttle) const {
  Exec(tx, queries::kThrottleRecordFailure, user_name, throttle.failures,
       MicrosOrZero(throttle.window_start),
       throttle.locked_until == absl::InfinitePast()
           ? std::optional<int64_t>()
           : std::optional<int64_t>(absl::ToUnixMicros(throttle.locked_until)));
}

void AccountStore::RecordSuccess(pqxx::transaction_base& tx, const std::string& user_name) const {
  Exec(tx, queries::kThrottleClear, user_name);
}

}  // namespace zs::identity

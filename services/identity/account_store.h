// The SQL of accounts, their password hashes and their sign-in throttle.
// Every statement is a named constant in account_store.cc.
#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/directory.h"
#include "services/identity/sign_in_rules.h"
#include "zhaoshang/identity/v1/identity_service.pb.h"

namespace zs::identity {

namespace v1 = ::zhaoshang::identity::v1;

// What signing in needs to know about an account.
struct Credentials {
  v1::Account account;
  std::string password_hash;
  Throttle throttle;
};

class AccountStore {
 public:
  explicit AccountStore(const Directory& directory) : directory_(directory) {}

  // INVALID_ARGUMENT naming the first bad field of `account.*`.
  absl::Status Validate(const v1::Account& account) const;

  // Validates the account (user name, display name, kind and the code its
  // kind needs, against the directory) and inserts it with `password_hash`;
  // `change_required`: the password must be changed at the first sign-in.
  absl::Status Create(pqxx::transaction_base& tx, const v1::Account& account,
                      const std::string& password_hash, bool change_required,
                      v1::Account* out) const;
  absl::Status Get(pqxx::transaction_base& tx, const std::string& user_name,
                   v1::Account* out) const;
  absl::Status List(pqxx::transaction_base& tx, const v1::ListAccountsRequest& request,
                    v1::ListAccountsResponse* out) const;
  // Applies the mask (display_name, kind, unit_code, leader_code, active)
  // after checking the etag; `*deactivated` tells whether it disabled the
  // account, so the caller revokes its sessions in the same transaction.
  absl::Status Update(pqxx::transaction_base& tx, const v1::UpdateAccountRequest& request,
                      v1::Account* out, bool* deactivated) const;
  // Replaces the password hash, clears the throttle; `change_required`:
  // whether the person must choose a new one at next sign-in.
  absl::Status SetPassword(pqxx::transaction_base& tx, const std::string& user_name,
                           const std::string& password_hash, bool change_required) const;

  // NOT_FOUND when there is no such account.
  absl::StatusOr<Credentials> ReadCredentials(pqxx::transaction_base& tx,
                                              const std::string& user_name) const;
  void RecordFailure(pqxx::transaction_base& tx, const std::string& user_name,
                     const Throttle& throttle) const;
  void RecordSuccess(pqxx::transaction_base& tx, const std::string& user_name) const;

 private:
  const Directory& directory_;
};

}  // namespace zs::identity

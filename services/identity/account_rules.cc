#include "services/identity/account_rules.h"

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/validation.h"
#include "services/identity/sign_in_rules.h"

namespace zs::identity {

absl::Status ValidateAccount(const v1::Account& account, const Directory& directory) {
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
    if (office ? !directory.IsOffice(account.unit_code())
               : !directory.IsUnit(account.unit_code())) {
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
    if (!directory.IsLeader(account.leader_code())) {
      return InvalidField(
          "account.leader_code",
          absl::StrCat("'", account.leader_code(), "' is not a leader in the directory"));
    }
  } else if (!account.leader_code().empty()) {
    return InvalidField("account.leader_code", "only leaders have a leader code");
  }
  return absl::OkStatus();
}

}  // namespace zs::identity

// What an account must be, without a server: each kind and the directory
// code it needs.
#include "services/identity/account_rules.h"

#include <gtest/gtest.h>

#include "common/errors.h"

namespace zs::identity {
namespace {

v1::Account Account(v1::AccountKind kind, const char* unit_code, const char* leader_code) {
  v1::Account account;
  account.set_user_name("wang.fang");
  account.set_display_name("王芳");
  account.set_kind(kind);
  account.set_unit_code(unit_code);
  account.set_leader_code(leader_code);
  return account;
}

TEST(AccountRules, EachKindWithTheCodeItNeeds) {
  const Directory& directory = Directory::Seeded();
  EXPECT_TRUE(ValidateAccount(Account(v1::ACCOUNT_KIND_BUREAU_STAFF, "", ""), directory).ok());
  EXPECT_TRUE(
      ValidateAccount(Account(v1::ACCOUNT_KIND_UNIT_STAFF, "town-daliu", ""), directory).ok());
  EXPECT_TRUE(
      ValidateAccount(Account(v1::ACCOUNT_KIND_OFFICE_STAFF, "office-yrd", ""), directory).ok());
  EXPECT_TRUE(
      ValidateAccount(Account(v1::ACCOUNT_KIND_LEADER, "", "leader-district-head"), directory)
          .ok());
}

TEST(AccountRules, TheFirstWrongFieldIsNamed) {
  const Directory& directory = Directory::Seeded();
  const struct {
    v1::Account account;
    const char* field;
    const char* says;
  } cases[] = {
      {Account(v1::ACCOUNT_KIND_UNSPECIFIED, "", ""), "account.kind", "is required"},
      {Account(v1::ACCOUNT_KIND_UNIT_STAFF, "", ""), "account.unit_code", "is required"},
      // An office is not a unit, nor a unit an office.
      {Account(v1::ACCOUNT_KIND_UNIT_STAFF, "office-yrd", ""), "account.unit_code", "a unit"},
      {Account(v1::ACCOUNT_KIND_OFFICE_STAFF, "town-daliu", ""), "account.unit_code",
       "a remote office"},
      {Account(v1::ACCOUNT_KIND_BUREAU_STAFF, "town-daliu", ""), "account.unit_code",
       "only unit and office staff"},
      {Account(v1::ACCOUNT_KIND_LEADER, "", ""), "account.leader_code", "is required"},
      {Account(v1::ACCOUNT_KIND_LEADER, "", "town-daliu"), "account.leader_code",
       "is not a leader"},
      {Account(v1::ACCOUNT_KIND_UNIT_STAFF, "town-daliu", "leader-district-head"),
       "account.leader_code", "only leaders"},
  };
  for (const auto& c : cases) {
    const absl::Status status = ValidateAccount(c.account, directory);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.field;
    EXPECT_EQ(ErrorField(status), c.field) << status;
    EXPECT_NE(status.message().find(c.says), std::string::npos) << status;
  }
  v1::Account unnamed = Account(v1::ACCOUNT_KIND_BUREAU_STAFF, "", "");
  unnamed.clear_display_name();
  EXPECT_EQ(ErrorField(ValidateAccount(unnamed, directory)), "account.display_name");
}

}  // namespace
}  // namespace zs::identity

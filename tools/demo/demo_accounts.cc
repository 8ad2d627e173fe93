#include "tools/demo/demo_accounts.h"

#include "absl/strings/str_cat.h"

namespace zs::demo {
namespace {

iv1::Account Make(const char* user_name, const char* display_name, iv1::AccountKind kind,
                  const char* unit_code = "", const char* leader_code = "") {
  iv1::Account account;
  account.set_user_name(user_name);
  account.set_display_name(display_name);
  account.set_kind(kind);
  account.set_unit_code(unit_code);
  account.set_leader_code(leader_code);
  return account;
}

}  // namespace

std::vector<iv1::Account> DemoAccounts() {
  return {
      Make("admin.li", "李管理（投促局系统管理员）", iv1::ACCOUNT_KIND_BUREAU_ADMIN),
      Make("staff.zhang", "张敏（投促局）", iv1::ACCOUNT_KIND_BUREAU_STAFF),
      Make("daliu.wang", "王磊（大刘镇招商小分队）", iv1::ACCOUNT_KIND_UNIT_STAFF, "town-daliu"),
      Make("yrd.zhao", "赵倩（长三角办事处）", iv1::ACCOUNT_KIND_OFFICE_STAFF, "office-yrd"),
      Make("fujian.chen", "陈晓（福建办事处）", iv1::ACCOUNT_KIND_OFFICE_STAFF, "office-fujian"),
      Make("chengdu.liu", "刘洋（成都办事处）", iv1::ACCOUNT_KIND_OFFICE_STAFF, "office-chengdu"),
      Make("leader.deputy2", "副区长（分管招商）", iv1::ACCOUNT_KIND_LEADER, "",
           "leader-deputy-head-2"),
  };
}

absl::Status LoadDemoAccounts(iv1::IdentityService::Stub& stub, const ContextFactory& context) {
  for (const iv1::Account& account : DemoAccounts()) {
    iv1::CreateAccountRequest request;
    // "-kept": the id changed with demo_account, so a suite's database from
    // before (whose accounts still ask for a change) is not a conflict.
    request.set_request_id(absl::StrCat("demo-account-kept-", account.user_name()));
    *request.mutable_account() = account;
    request.set_password(kDemoPassword);
    // Printed for everyone to sign in with; no change asked at first sign-in.
    request.set_demo_account(true);
    absl::Status created = Call(
        [&] {
          iv1::Account response;
          grpc::Status status = stub.CreateAccount(context().get(), request, &response);
          // Created long ago (its request id forgotten since): left as it is.
          return status.error_code() == grpc::StatusCode::ALREADY_EXISTS ? grpc::Status::OK
                                                                         : status;
        },
        "account " + account.user_name());
    if (!created.ok()) return created;
  }
  return absl::OkStatus();
}

}  // namespace zs::demo

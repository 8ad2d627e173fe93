// The demo district's people: one account of each kind (an admin, bureau
// staff, a town's staff, each remote office's staff, a leader), with codes
// from the seeded directory, created through the identity service with
// fixed request ids, so loading twice changes nothing (and a password
// someone changed stays changed). All share one demo password, printed by
// `./zs run` for loopback use only.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/demo/demo_district.h"
#include "zhaoshang/identity/v1/identity_service.grpc.pb.h"

namespace zs::demo {

namespace iv1 = ::zhaoshang::identity::v1;

inline constexpr char kDemoPassword[] = "Demo-Zhaoshang-2026";

std::vector<iv1::Account> DemoAccounts();

// Creates the accounts (an account already there is left as it is).
absl::Status LoadDemoAccounts(iv1::IdentityService::Stub& stub, const ContextFactory& context);

}  // namespace zs::demo

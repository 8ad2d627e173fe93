// What an account must be, as a plain function tested without a server:
// each kind of account and the directory code it needs — unit and office
// staff a unit or remote office, leaders a leader code, the others
// neither.
#pragma once

#include "absl/status/status.h"
#include "common/directory.h"
#include "zhaoshang/identity/v1/identity_service.pb.h"

namespace zs::identity {

namespace v1 = ::zhaoshang::identity::v1;

// INVALID_ARGUMENT naming the first bad field of `account.*`: the user name
// (CheckUserName), a display name of 1–64 characters, a known kind, and the
// code that kind needs, known to `directory`.
absl::Status ValidateAccount(const v1::Account& account, const Directory& directory);

}  // namespace zs::identity

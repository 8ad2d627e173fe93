// Who may call which IdentityService RPC (the role table). Bureau admins
// manage accounts and read sign-in events; every person reads and changes
// their own; signing in needs no token (the request carries the password
// or the session secret).
#pragma once

#include "common/security/access_policy.h"

namespace zs::identity {

const AccessPolicy& IdentityAccessPolicy();

}  // namespace zs::identity

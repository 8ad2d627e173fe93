#include "services/identity/identity_access.h"

namespace zs::identity {

using namespace access;  // NOLINT: the role table reads best with the group names bare

const AccessPolicy& IdentityAccessPolicy() {
  static const AccessPolicy* const kPolicy =
      new AccessPolicy("IdentityService", {
                                              {"CreateAccount", kAdmin},
                                              // Others' accounts: admins only (checked per record).
                                              {"GetAccount", kPeople},
                                              {"ListAccounts", kAdmin},
                                              {"UpdateAccount", kAdmin},
                                              {"ResetAccountPassword", kAdmin},
                                              {"ChangePassword", kPeople},
                                              {"GetCurrentAccount", kPeople},
                                              {"CreateSession", kAnyone},
                                              {"RefreshSession", kAnyone},
                                              {"DeleteSession", kAnyone},
                                              {"ListSignInEvents", kAdmin},
                                              {"GetTokenKeys", kAnyone},
                                              {"ListAuditEvents", kAdmin},
                                          });
  return *kPolicy;
}

}  // namespace zs::identity

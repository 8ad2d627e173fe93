#include "services/lead/enterprise_keys.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/db/prepared.h"
#include "common/enterprise_name.h"
#include "services/lead/queries.h"

namespace zs::lead {

absl::Status RekeyEnterprises(pqxx::connection& connection) {
  try {
    pqxx::work tx(connection);
    Exec(tx, queries::kEnterpriseLockAll);
    const pqxx::result stale = Exec(tx, queries::kEnterpriseStaleKeys, kEnterpriseNameKeyVersion);
    if (stale.empty()) return absl::OkStatus();
    Exec(tx, queries::kEnterpriseClearStaleKeys, kEnterpriseNameKeyVersion);
    for (const pqxx::row& row : stale) {
      const int64_t id = row["id"].as<int64_t>();
      const std::string key = EnterpriseNameKeyOf(row["name"].as<std::string>()).key;
      const bool merged = row["merged"].as<bool>();
      const pqxx::result holder =
          merged ? pqxx::result() : Exec(tx, queries::kEnterpriseKeyHolder, key, id);
      Exec(tx, queries::kEnterpriseSetKey, id, key, kEnterpriseNameKeyVersion,
           holder.empty() ? std::optional<int64_t>() : holder[0]["id"].as<int64_t>());
    }
    tx.commit();
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("re-keying enterprise names: ", e.what()));
  }
}

}  // namespace zs::lead

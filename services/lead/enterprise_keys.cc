#include "services/lead/enterprise_keys.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "common/enterprise_name.h"

namespace zs::lead {

absl::Status RekeyEnterprises(pqxx::connection& connection) {
  try {
    pqxx::work tx(connection);
    // Replicas starting together re-key once: the second waits, then finds
    // nothing stale.
    tx.exec0("LOCK TABLE enterprises IN SHARE ROW EXCLUSIVE MODE");
    const pqxx::result stale = tx.exec_params(
        "SELECT id, name, merged_into_id IS NOT NULL FROM enterprises "
        "WHERE name_key_version < $1 ORDER BY id",
        kEnterpriseNameKeyVersion);
    if (stale.empty()) return absl::OkStatus();
    // Stale keys step aside first, so a new key never meets an old one.
    tx.exec_params0(
        "UPDATE enterprises SET normalised_name = '#' || id, double_of_id = NULL "
        "WHERE name_key_version < $1",
        kEnterpriseNameKeyVersion);
    for (const pqxx::row& row : stale) {
      const int64_t id = row[0].as<int64_t>();
      const std::string key = EnterpriseNameKeyOf(row[1].as<std::string>()).key;
      const bool merged = row[2].as<bool>();
      const pqxx::result holder =
          merged ? pqxx::result()
                 : tx.exec_params(
                       "SELECT id FROM enterprises WHERE normalised_name = $1 AND id <> $2 "
                       "  AND merged_into_id IS NULL AND double_of_id IS NULL LIMIT 1",
                       key, id);
      tx.exec_params0(
          "UPDATE enterprises SET normalised_name = $2, name_key_version = $3, "
          "double_of_id = $4 WHERE id = $1",
          id, key, kEnterpriseNameKeyVersion,
          holder.empty() ? std::optional<int64_t>() : holder[0][0].as<int64_t>());
    }
    tx.commit();
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("re-keying enterprise names: ", e.what()));
  }
}

}  // namespace zs::lead

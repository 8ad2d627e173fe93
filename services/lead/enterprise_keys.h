// Keeps the stored enterprise-name keys made by the current normaliser
// (common/enterprise_name.h). Run at start, after the migrations.
#pragma once

#include <pqxx/pqxx>

#include "absl/status/status.h"

namespace zs::lead {

// Re-keys, in one transaction, every enterprise whose key an older
// normaliser made (name_key_version below kEnterpriseNameKeyVersion), in id
// order. A record still in use whose new key an older record in use already
// holds is kept and marked double_of_id, for someone to merge; merged
// records keep their keys reserved. Cheap when nothing is stale.
absl::Status RekeyEnterprises(pqxx::connection& connection);

}  // namespace zs::lead

// The flags of a service that owns a schema: where its database is, how it
// migrates, how long it keeps request ids and audit records. ABSL_FLAG
// definitions register in every binary that links them, so these live in
// their own library, zs_db_flags, linked only into the services with a
// database (zs-reporting has none and refuses --db_conninfo and --migrate).
// A service main passes DatabaseSettingsFromFlags as
// ServiceDefinition::database.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace zs {

struct DatabaseSettings {
  // libpq connection strings with the password, without a search_path.
  std::string conninfo;
  std::string read_conninfo;  // empty: every read goes to `conninfo`
  enum class Migrate { kOnStart, kOnly, kOff } migrate = Migrate::kOnStart;
  absl::Duration idempotency_retention;  // zero: request ids kept forever
  int audit_retention_months = 6;        // never fewer than 6 (等保)
};

// The settings the flags (or their ZS_* environment defaults) give, read
// after the command line is parsed. INVALID_ARGUMENT for a --migrate other
// than on_start, only or off; the error of reading --db_password_file.
absl::StatusOr<DatabaseSettings> DatabaseSettingsFromFlags();

// `conninfo` (a libpq connection string without secrets) with the password
// held in `password_file`, if one is named.
absl::StatusOr<std::string> ConnectionString(const std::string& conninfo,
                                             const std::string& password_file);

}  // namespace zs

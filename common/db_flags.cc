#include "common/db_flags.h"

#include <algorithm>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/config.h"
#include "common/errors.h"

ABSL_FLAG(std::string, db_conninfo,
          zs::EnvOr("ZS_DB_CONNINFO", "host=127.0.0.1 port=54329 dbname=zhaoshang user=zs"),
          "libpq connection string without the password (env ZS_DB_CONNINFO)");
ABSL_FLAG(std::string, db_password_file, zs::EnvOr("ZS_DB_PASSWORD_FILE", ""),
          "file holding the database password (env ZS_DB_PASSWORD_FILE)");
ABSL_FLAG(std::string, db_read_conninfo, zs::EnvOr("ZS_DB_READ_CONNINFO", ""),
          "libpq connection string (without the password: --db_password_file serves both) of "
          "a read-only endpoint, e.g. CloudNativePG's -ro service, for lists, drill-downs and "
          "report aggregates, which may then lag the primary by the replicas' replay delay; "
          "empty: every read goes to --db_conninfo (env ZS_DB_READ_CONNINFO)");
ABSL_FLAG(int, idempotency_retention_hours, zs::EnvOr("ZS_IDEMPOTENCY_RETENTION_HOURS", 24 * 30),
          "how long request ids are remembered for retries; 0 keeps them forever "
          "(env ZS_IDEMPOTENCY_RETENTION_HOURS)");
ABSL_FLAG(int, audit_retention_months, zs::EnvOr("ZS_AUDIT_RETENTION_MONTHS", 6),
          "months of audit records kept; older months are dropped hourly (never fewer than 6, "
          "as 等保 asks) (env ZS_AUDIT_RETENTION_MONTHS)");
ABSL_FLAG(std::string, migrate, zs::EnvOr("ZS_MIGRATE", "on_start"),
          "on_start: apply migrations then serve; only: apply and exit; off: serve only "
          "(env ZS_MIGRATE)");

namespace zs {

absl::StatusOr<std::string> ConnectionString(const std::string& conninfo,
                                             const std::string& password_file) {
  if (password_file.empty()) return conninfo;
  ZS_ASSIGN_OR_RETURN(const std::string password, ReadSecretFile(password_file));
  const std::string escaped = absl::StrReplaceAll(password, {{"\\", "\\\\"}, {"'", "\\'"}});
  return absl::StrCat(conninfo, " password='", escaped, "'");
}

absl::StatusOr<DatabaseSettings> DatabaseSettingsFromFlags() {
  DatabaseSettings settings;
  const std::string migrate = absl::GetFlag(FLAGS_migrate);
  if (migrate == "on_start") {
    settings.migrate = DatabaseSettings::Migrate::kOnStart;
  } else if (migrate == "only") {
    settings.migrate = DatabaseSettings::Migrate::kOnly;
  } else if (migrate == "off") {
    settings.migrate = DatabaseSettings::Migrate::kOff;
  } else {
    return absl::InvalidArgumentError("--migrate must be on_start, only or off");
  }
  const std::string password_file = absl::GetFlag(FLAGS_db_password_file);
  ZS_ASSIGN_OR_RETURN(settings.conninfo,
                      ConnectionString(absl::GetFlag(FLAGS_db_conninfo), password_file));
  if (const std::string read = absl::GetFlag(FLAGS_db_read_conninfo); !read.empty()) {
    ZS_ASSIGN_OR_RETURN(settings.read_conninfo, ConnectionString(read, password_file));
  }
  settings.idempotency_retention = absl::Hours(absl::GetFlag(FLAGS_idempotency_retention_hours));
  settings.audit_retention_months = std::max(6, absl::GetFlag(FLAGS_audit_retention_months));
  return settings;
}

}  // namespace zs

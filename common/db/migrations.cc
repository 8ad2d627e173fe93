#include "common/db/migrations.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/logging.h"
#include "common/queries.h"
#include "common/security/audit.h"

namespace zs {

std::string WithSearchPath(absl::string_view conninfo, absl::string_view schema) {
  // Business days are China's days: current_date, now()::date and a
  // timestamptz cast to date must not follow the server's or the database's
  // zone (a UTC database was a day off between 00:00 and 08:00 in China).
  return absl::StrCat(conninfo, " options='-csearch_path=", schema, " -cTimeZone=Asia/Shanghai'");
}

absl::StatusOr<int> ApplyMigrations(pqxx::connection& connection, absl::string_view schema,
                                    const std::vector<Migration>& migrations) {
  int applied = 0;
  try {
    const std::string quoted = connection.quote_name(std::string(schema));
    for (const Migration& migration : migrations) {
      pqxx::work tx(connection);
      Exec(tx, queries::kMigrationLock, std::string(schema));
      // The schema's name is an identifier, not a value: quoted into the text.
      tx.exec(absl::StrCat("CREATE SCHEMA IF NOT EXISTS ", quoted));
      tx.exec(absl::StrCat("SET LOCAL search_path TO ", quoted));
      Exec(tx, queries::kMigrationCreateTable);
      if (!Exec(tx, queries::kMigrationApplied, migration.version).empty()) continue;
      tx.exec(std::string(migration.sql));
      Exec(tx, queries::kMigrationRecord, migration.version, std::string(migration.name));
      tx.commit();
      ++applied;
      LogInfo(absl::StrCat("applied migration ", schema, "/", migration.name));
    }
    // Every table the migrations made, now or later, carries the audit trigger.
    pqxx::work tx(connection);
    Exec(tx, queries::kMigrationLock, std::string(schema));
    tx.exec(absl::StrCat("SET LOCAL search_path TO ", quoted));
    InstallAuditTriggers(tx);
    tx.commit();
  } catch (const std::exception& e) {
    return StatusFromDatabaseError(e);
  }
  return applied;
}

}  // namespace zs

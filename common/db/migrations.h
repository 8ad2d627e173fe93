// Schema migrations: each service owns one PostgreSQL schema and a numbered
// list of SQL files (services/<name>/migrations/NNNN_what.sql) compiled into
// its binary. Each pending file runs in its own transaction with the schema
// as search_path, and is recorded in <schema>.schema_migrations in that same
// transaction. An advisory lock lets several replicas start at once safely.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace zs {

struct Migration {
  int version;
  absl::string_view name;
  absl::string_view sql;
};

// Returns how many migrations were applied now.
absl::StatusOr<int> ApplyMigrations(pqxx::connection& connection, absl::string_view schema,
                                    const std::vector<Migration>& migrations);

// libpq connection options that select `schema` and China Standard Time
// (TimeZone Asia/Shanghai) for every statement on the connection.
std::string WithSearchPath(absl::string_view conninfo, absl::string_view schema);

}  // namespace zs

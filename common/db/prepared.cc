#include "common/db/prepared.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/sha256.h"

namespace zs {
namespace {

// PostgreSQL keeps the plan it chose for the table sizes of that moment
// until ANALYZE changes the statistics. A table that grows from nothing
// faster than autovacuum analyzes it (a fresh deployment's first burst)
// would keep a plan that scans it whole, where a plan made now would use
// an index (the planner scales row counts by a table's current size). So a
// statement is prepared afresh each time its executions on a connection
// double: often while tables are young, seldom later.
constexpr long kFirstReplan = 64;

struct Prepared {
  std::string name;
  const pqxx::connection_base* connection = nullptr;
  long executions = 0;
  long replan_at = kFirstReplan;
};

}  // namespace

std::string PreparedName(pqxx::connection_base& connection, const std::string& sql) {
  // Named by a digest of the text, so different statements never collide;
  // each worker thread remembers the statements it ran (the code's own, so
  // the map stays as small as the code).
  thread_local absl::flat_hash_map<std::string, Prepared> statements;
  auto [it, inserted] = statements.try_emplace(sql);
  Prepared& statement = it->second;
  if (inserted) statement.name = absl::StrCat("zs_", Sha256Hex(sql).substr(0, 24));
  if (statement.connection != &connection) {
    statement = {.name = statement.name, .connection = &connection};
  } else if (++statement.executions == statement.replan_at) {
    statement.replan_at *= 2;
    connection.unprepare(statement.name);  // DEALLOCATE: the next run plans anew
  }
  connection.prepare(statement.name, sql);  // a no-op once registered with this text
  return statement.name;
}

}  // namespace zs

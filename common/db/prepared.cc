#include "common/db/prepared.h"

#include "absl/container/flat_hash_map.h"

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
  const pqxx::connection_base* connection = nullptr;
  long executions = 0;
  long replan_at = kFirstReplan;
};

}  // namespace

std::string PreparedName(pqxx::connection_base& connection, const Query& query) {
  // Each worker thread remembers the statements it ran (the code's own, so
  // the map stays as small as the code), by their one Query object.
  thread_local absl::flat_hash_map<const Query*, Prepared> statements;
  Prepared& statement = statements[&query];
  if (statement.connection != &connection) {
    statement = {.connection = &connection};
  } else if (++statement.executions == statement.replan_at) {
    statement.replan_at *= 2;
    connection.unprepare(query.name);  // DEALLOCATE: the next run plans anew
  }
  connection.prepare(query.name, query.sql);  // a no-op once registered with this text
  return query.name;
}

}  // namespace zs

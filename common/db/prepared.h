// Running the statements of queries/*.sql (see query.h).
//
// ExecPrepared: hot paths run a statement as a named prepared statement of
// the worker's connection, prepared under the query's name on first use,
// then executed without being parsed and planned again (PostgreSQL still
// re-plans per call when a generic plan would be worse, and after ANALYZE).
// Each is prepared afresh whenever its executions on a connection double, so
// a plan made while a table was tiny does not keep scanning it whole once it
// has grown.
//
// Exec: the rest run as one-off statements, planned for the values of each
// call: lists whose filters are optional (`$1 IS NULL OR …`), where a plan
// for unknown values would scan what the values rule out.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>

#include "common/db/query.h"

namespace zs {

// The connection's name for `query` (its own name), registered with libpqxx
// (which prepares it on the server the first time it runs on that
// connection).
std::string PreparedName(pqxx::connection_base& connection, const Query& query);

template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const Query& query, Args&&... args) {
  return tx.exec_prepared(PreparedName(tx.conn(), query), std::forward<Args>(args)...);
}

template <typename... Args>
pqxx::result Exec(pqxx::transaction_base& tx, const Query& query, Args&&... args) {
  return tx.exec_params(query.sql, std::forward<Args>(args)...);
}

}  // namespace zs

// Statements the hot paths run on every call, as named prepared statements
// of the worker's connection: prepared on first use, then executed without
// being parsed and planned again (PostgreSQL still re-plans per call when a
// generic plan would be worse, and after ANALYZE). Each is prepared afresh
// whenever its executions on a connection double, so a plan made while a
// table was tiny does not keep scanning it whole once it has grown.
#pragma once

#include <pqxx/pqxx>
#include <string>
#include <utility>

namespace zs {

// The connection's name for `sql`, registered with libpqxx (which prepares
// it on the server the first time it runs on that connection).
std::string PreparedName(pqxx::connection_base& connection, const std::string& sql);

template <typename... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared(PreparedName(tx.conn(), sql), std::forward<Args>(args)...);
}

}  // namespace zs

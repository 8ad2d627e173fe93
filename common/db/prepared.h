// Statements the hot paths run on every call, as named prepared statements
// of the worker's connection: prepared on first use, then executed without
// being parsed and planned again (PostgreSQL still re-plans per call when a
// generic plan would be worse).
#pragma once

#include <initializer_list>
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

// `EXECUTE <name>(<quoted args>)`: the prepared `sql` as plain SQL, for
// statements batched into one simple-protocol round trip (see
// TransactionEdges). `quoted_args` are already quoted (connection.quote()).
std::string ExecuteStatement(pqxx::connection_base& connection, const std::string& sql,
                             std::initializer_list<std::string> quoted_args);

}  // namespace zs

// Prepared statements on a real PostgreSQL: a plan cached while a table was
// tiny must not outlive the table's growth.
#include "common/db/prepared.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/test_database.h"

namespace zs::testing {
namespace {

const Query kLookup{"items.by_code", "/* items.by_code */ SELECT id FROM items WHERE code = $1"};

// The plan the connection's prepared statement for kLookup would run now.
std::string PlanNow(pqxx::connection& connection) {
  pqxx::nontransaction tx(connection);
  std::string plan;
  for (const pqxx::row& line :
       tx.exec("EXPLAIN EXECUTE " + tx.quote_name(PreparedName(connection, kLookup)) + "(7)")) {
    plan += line[0].as<std::string>() + "\n";
  }
  return plan;
}

TEST(PreparedStatements, APlanMadeWhileATableWasTinyIsRemadeAsItGrows) {
  const Migration items{
      1, "items",
      "CREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, code bigint);"
      "CREATE INDEX items_code ON items (code);"};
  TestDatabase database("scratch", {items});
  pqxx::connection connection(database.service_conninfo());
  pqxx::nontransaction(connection).exec("INSERT INTO items (code) VALUES (7); ANALYZE items");
  auto run = [&](int times) {
    for (int i = 0; i < times; ++i) {
      pqxx::nontransaction tx(connection);
      ASSERT_EQ(ExecPrepared(tx, kLookup, 7).size(), 1u);
    }
  };
  run(10);  // PostgreSQL settles on a generic plan: the table is one page
  EXPECT_NE(PlanNow(connection).find("Seq Scan"), std::string::npos) << PlanNow(connection);

  // A burst grows the table before autovacuum could analyze it.
  pqxx::nontransaction(connection)
      .exec("INSERT INTO items (code) SELECT 1000 + g FROM generate_series(1, 200000) g");
  run(200);  // past the next doublings of the executions
  const std::string plan = PlanNow(connection);
  EXPECT_NE(plan.find("Index"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Seq Scan"), std::string::npos) << plan;
}

TEST(PreparedStatements, AreNamedAfterTheirQueryOnTheServer) {
  const Migration items{1, "items", "CREATE TABLE items (id bigint PRIMARY KEY, code bigint);"};
  TestDatabase database("scratch", {items});
  pqxx::connection connection(database.service_conninfo());
  pqxx::nontransaction tx(connection);
  ExecPrepared(tx, kLookup, 7);
  const pqxx::result named =
      tx.exec("SELECT statement FROM pg_prepared_statements WHERE name = 'items.by_code'");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0][0].as<std::string>(), kLookup.sql);
}

}  // namespace
}  // namespace zs::testing

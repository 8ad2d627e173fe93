// Every statement of queries/*.sql, prepared on a real PostgreSQL against
// the schema its service's migrations make: a misspelt table or column, a
// parameter of two types or a syntax error fails here, not on the first
// call that runs it.
#include "common/queries.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/db/query.h"
#include "common/sql_row.h"
#include "services/identity/queries.h"
#include "services/lead/queries.h"
#include "services/project/queries.h"
#include "services/supervision/queries.h"
#include "tests/support/service_migrations.h"
#include "tests/support/test_database.h"

namespace zs {
namespace testing {
namespace {

// The statement without the comments the file starts with.
std::string Statement(const Query& query) {
  std::string sql = query.sql;
  for (;;) {
    const size_t start = sql.find_first_not_of(" \n");
    if (start == std::string::npos) return "";
    if (sql.compare(start, 2, "--") == 0) {
      sql.erase(0, sql.find('\n', start));
    } else if (sql.compare(start, 2, "/*") == 0) {
      sql.erase(0, sql.find("*/", start) + 2);
    } else {
      return sql.substr(start);
    }
  }
}

// PREPARE takes SELECT, INSERT, UPDATE, DELETE and WITH; the few utility
// statements (LOCK, CREATE …) are run by the migration tests already.
bool Preparable(const Query& query) {
  const std::string statement = Statement(query);
  for (const char* verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}) {
    if (absl::StartsWith(statement, verb)) return true;
  }
  return false;
}

void PrepareAll(const std::string& schema, const std::vector<Migration>& migrations,
                const std::vector<const Query*>& queries) {
  TestDatabase database(schema, migrations);
  pqxx::connection connection(database.service_conninfo());
  // A rollup rebuild's statements read the scratch table it makes first
  // (report_rollup.create_rebuilt_cells), kept here for the session.
  if (schema == "lead" || schema == "project") {
    pqxx::nontransaction(connection)
        .exec("CREATE TEMP TABLE rebuilt_cells (LIKE report_rollup_days)");
  }
  int prepared = 0;
  for (const Query* query : queries) {
    // Plain SQL with absl::Substitute places ($0 …), sent beside BEGIN and
    // COMMIT (see common/queries/idempotency.claim.sql).
    if (absl::StrContains(query->sql, "$0")) continue;
    if (!Preparable(*query)) continue;
    pqxx::nontransaction tx(connection);
    try {
      tx.exec(absl::StrCat("PREPARE ", tx.quote_name(query->name), " AS ", query->sql));
      ++prepared;
    } catch (const std::exception& e) {
      ADD_FAILURE() << schema << ": " << query->name << ": " << e.what();
    }
  }
  EXPECT_GT(prepared, 0);
}

TEST(Queries, EveryLeadStatementPreparesAgainstTheLeadSchema) {
  std::vector<const Query*> all = lead::queries::kAll;
  all.insert(all.end(), queries::kAll.begin(), queries::kAll.end());  // common ones run there too
  PrepareAll("lead", lead::kMigrations, all);
}

TEST(Queries, EveryProjectStatementPreparesAgainstTheProjectSchema) {
  std::vector<const Query*> all = project::queries::kAll;
  // The report rollups' statements run in the project schema too.
  for (const Query* query : queries::kAll) {
    if (absl::StartsWith(query->name, "report_rollup.")) all.push_back(query);
  }
  PrepareAll("project", project::kMigrations, all);
}

TEST(Queries, EverySupervisionStatementPreparesAgainstTheSupervisionSchema) {
  PrepareAll("supervision", supervision::kMigrations, supervision::queries::kAll);
}

TEST(Queries, EveryIdentityStatementPreparesAgainstTheIdentitySchema) {
  PrepareAll("identity", identity::kMigrations, identity::queries::kAll);
}

TEST(Queries, EachStartsWithItsNameSoTheServerLogSaysWhichItIs) {
  for (const auto* all : {&lead::queries::kAll, &project::queries::kAll,
                          &supervision::queries::kAll, &identity::queries::kAll, &queries::kAll}) {
    for (const Query* query : *all) {
      EXPECT_TRUE(absl::StartsWith(query->sql, absl::StrCat("/* ", query->name, " */")))
          << query->name;
    }
  }
}

TEST(FieldNamed, FindsTheColumnWhereverEachResultHasIt) {
  TestDatabase database("scratch", {{1, "table", "CREATE TABLE unused (id int)"}});
  pqxx::connection connection(database.service_conninfo());
  pqxx::nontransaction tx(connection);
  const pqxx::result first = tx.exec("SELECT 1 AS a, 2 AS b");
  const pqxx::result swapped = tx.exec("SELECT 3 AS b, 4 AS a");
  const pqxx::result fewer = tx.exec("SELECT 5 AS a");
  for (int round = 0; round < 2; ++round) {  // the second round starts from remembered guesses
    EXPECT_EQ(FieldNamed(first[0], "b").as<int>(), 2);
    EXPECT_EQ(FieldNamed(swapped[0], "b").as<int>(), 3);
    EXPECT_EQ(FieldNamed(first[0], "a").as<int>(), 1);
    EXPECT_EQ(FieldNamed(swapped[0], "a").as<int>(), 4);
    EXPECT_EQ(FieldNamed(fewer[0], "a").as<int>(), 5);
  }
  EXPECT_ANY_THROW(FieldNamed(fewer[0], "b"));
}

}  // namespace
}  // namespace testing
}  // namespace zs

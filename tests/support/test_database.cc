#include "tests/support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace zs::testing {
namespace {

std::string AdminConninfo() {
  const char* conninfo = std::getenv("ZS_TEST_PG_CONNINFO");
  if (conninfo == nullptr || *conninfo == '\0') {
    throw std::runtime_error(
        "ZS_TEST_PG_CONNINFO is not set: run the tests with ./zs test, which starts a "
        "private PostgreSQL for them");
  }
  return conninfo;
}

std::string AuditSql() {
  std::ifstream in(ZS_AUDIT_SQL);
  if (!in) throw std::runtime_error("cannot read " ZS_AUDIT_SQL);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TestDatabase::TestDatabase(const std::string& schema, const std::vector<Migration>& migrations,
                           const std::string& admin_conninfo)
    : admin_conninfo_(admin_conninfo.empty() ? AdminConninfo() : admin_conninfo), schema_(schema) {
  static std::atomic<int> counter{0};
  name_ = absl::StrCat("zs_test_", getpid(), "_", counter++, "_", std::rand() % 100000);
  {
    pqxx::connection admin(admin_conninfo_);
    pqxx::nontransaction tx(admin);
    tx.exec(absl::StrCat("CREATE DATABASE ", name_));
  }
  conninfo_ = absl::StrCat(admin_conninfo_, " dbname=", name_);
  pqxx::connection connection(conninfo_);
  // What the database owner sets up before any service migrates.
  pqxx::nontransaction(connection).exec(AuditSql());
  absl::StatusOr<int> applied = ApplyMigrations(connection, schema_, migrations);
  if (!applied.ok()) throw std::runtime_error(std::string(applied.status().message()));
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(admin_conninfo_);
    pqxx::nontransaction tx(admin);
    tx.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception&) {
    // The cluster is thrown away after the run anyway.
  }
}

std::string TestDatabase::service_conninfo() const { return WithSearchPath(conninfo_, schema_); }

std::string TestDatabase::QueryValue(const std::string& sql) const {
  pqxx::connection connection(service_conninfo());
  pqxx::nontransaction tx(connection);
  const pqxx::result rows = tx.exec(sql);
  if (rows.empty() || rows[0][0].is_null()) return "";
  return rows[0][0].as<std::string>();
}

}  // namespace zs::testing

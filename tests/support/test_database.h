// A fresh PostgreSQL database per test, on the private cluster that
// `./zs test` starts (ZS_TEST_PG_CONNINFO names its admin connection).
// Each test owns its data, so tests run in any order and in parallel.
#pragma once

#include <string>
#include <vector>

#include "common/db/migrations.h"

namespace zs::testing {

class TestDatabase {
 public:
  // Creates the database and applies `migrations` into `schema`, on the
  // shared test cluster or, when given, on another one.
  TestDatabase(const std::string& schema, const std::vector<Migration>& migrations,
               const std::string& admin_conninfo = "");
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Connection string for the database (no search_path).
  const std::string& conninfo() const { return conninfo_; }
  // Connection string whose search_path is the service schema.
  std::string service_conninfo() const;
  // Runs one SQL query in the service schema and returns the first field of
  // the first row as text ("" when no rows): for asserting on stored data.
  std::string QueryValue(const std::string& sql) const;

 private:
  std::string admin_conninfo_;
  std::string name_;
  std::string schema_;
  std::string conninfo_;
};

}  // namespace zs::testing

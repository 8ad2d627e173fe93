// Least privilege in PostgreSQL (deploy/k8s/base/db/service_roles.sql): each service
// migrates and works as its own role on its own schema, and no service's
// role can read or write another's schema — including a database whose
// schemas were made before the roles existed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/db/migrations.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

std::string ReadSql(const char* path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class DatabaseRolesTest : public ::testing::Test {
 protected:
  DatabaseRolesTest()
      : admin_(std::getenv("ZS_TEST_PG_CONNINFO")),
        name_(absl::StrCat("zs_roles_", getpid(), "_", counter_++)) {
    pqxx::connection admin(admin_);
    pqxx::nontransaction(admin).exec("CREATE DATABASE " + name_);
  }
  ~DatabaseRolesTest() override {
    pqxx::connection admin(admin_);
    pqxx::nontransaction(admin).exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  std::string As(const std::string& role) const {
    return absl::StrCat(admin_, " dbname=", name_, role.empty() ? "" : " user=" + role);
  }
  void ApplyRoles() {
    // Roles belong to the whole cluster, which the tests of this file share
    // while running in parallel: two transactions altering the same role at
    // once fail ("tuple concurrently updated"), so they take turns.
    struct TurnLock {
      int fd = open("/tmp/zs-database-roles-test.lock", O_CREAT | O_RDWR, 0666);
      ~TurnLock() { close(fd); }  // releases it
    } turn;
    ASSERT_GE(turn.fd, 0);
    ASSERT_EQ(flock(turn.fd, LOCK_EX), 0);
    pqxx::connection owner(As(""));
    pqxx::work tx(owner);
    tx.exec(ReadSql(ZS_SERVICE_ROLES_SQL));
    tx.exec(ReadSql(ZS_AUDIT_SQL));
    tx.commit();
  }
  // The audit schema alone, as the database owner (before any role exists).
  void ApplyAudit() {
    pqxx::connection owner(As(""));
    pqxx::nontransaction(owner).exec(ReadSql(ZS_AUDIT_SQL));
  }
  std::string Query(const std::string& role, const std::string& sql) {
    pqxx::connection connection(As(role));
    pqxx::nontransaction tx(connection);
    return tx.exec1(sql)[0].c_str();
  }
  void Migrate(const std::string& role, const std::string& schema,
               const std::vector<Migration>& migrations) {
    pqxx::connection connection(As(role));
    absl::StatusOr<int> applied = ApplyMigrations(connection, schema, migrations);
    ASSERT_TRUE(applied.ok()) << role << ": " << applied.status();
  }
  // How `sql` run as `role` ends: "" when it succeeds, "denied" on
  // insufficient_privilege (42501), otherwise the error's text. (libpqxx 6.4
  // throws insufficient_privilege with an empty sqlstate().)
  std::string Run(const std::string& role, const std::string& sql) {
    try {
      pqxx::connection connection(As(role));
      pqxx::work tx(connection);
      tx.exec(sql);
      tx.commit();
      return "";
    } catch (const pqxx::insufficient_privilege&) {
      return "denied";
    } catch (const pqxx::sql_error& e) {
      return e.what();
    }
  }
  void ExpectIsolated() {
    constexpr char kDenied[] = "denied";
    EXPECT_EQ(Run("zs_lead", "SELECT count(*) FROM lead.leads"), "");
    EXPECT_EQ(Run("zs_project", "SELECT count(*) FROM project.projects"), "");
    EXPECT_EQ(Run("zs_supervision", "SELECT count(*) FROM supervision.units"), "");
    EXPECT_EQ(Run("zs_lead", "SELECT count(*) FROM project.projects"), kDenied);
    EXPECT_EQ(Run("zs_lead", "SELECT count(*) FROM supervision.units"), kDenied);
    EXPECT_EQ(Run("zs_project", "SELECT count(*) FROM lead.leads"), kDenied);
    EXPECT_EQ(Run("zs_project", "DELETE FROM supervision.units"), kDenied);
    EXPECT_EQ(Run("zs_supervision", "UPDATE lead.enterprises SET name = 'x'"), kDenied);
    EXPECT_EQ(Run("zs_supervision", "SELECT count(*) FROM project.audit_log"), kDenied);
    EXPECT_EQ(Run("zs_lead", "CREATE ROLE intruder"), kDenied);
  }
  // Password hashes and sessions are readable by the identity service alone.
  void ExpectIdentityIsolated() {
    constexpr char kDenied[] = "denied";
    EXPECT_EQ(Run("zs_identity", "SELECT count(*) FROM identity.account_passwords"), "");
    EXPECT_EQ(Run("zs_lead", "SELECT count(*) FROM identity.account_passwords"), kDenied);
    EXPECT_EQ(Run("zs_supervision", "SELECT count(*) FROM identity.sessions"), kDenied);
    EXPECT_EQ(Run("zs_identity", "SELECT count(*) FROM lead.leads"), kDenied);
  }

  static inline int counter_ = 0;
  std::string admin_;
  std::string name_;
};

TEST_F(DatabaseRolesTest, EachServiceRoleSeesOnlyItsOwnSchema) {
  ApplyRoles();
  ApplyRoles();  // re-running is safe
  Migrate("zs_lead", "lead", lead::kMigrations);
  Migrate("zs_project", "project", project::kMigrations);
  Migrate("zs_supervision", "supervision", supervision::kMigrations);
  Migrate("zs_identity", "identity", identity::kMigrations);
  ExpectIsolated();
  ExpectIdentityIsolated();
}

TEST_F(DatabaseRolesTest, SchemasMadeBeforeTheRolesAreHandedOver) {
  ApplyAudit();
  Migrate("", "lead", lead::kMigrations);  // as the database owner, as older setups did
  Migrate("", "project", project::kMigrations);
  Migrate("", "supervision", supervision::kMigrations);
  ApplyRoles();
  Migrate("zs_lead", "lead", lead::kMigrations);  // the service starts as its role: no-op
  EXPECT_EQ(Run("zs_lead",
                "INSERT INTO lead.enterprises (name, normalised_name, industry, type) "
                "SELECT 'x', 'x', 1, 1 WHERE false"),
            "");
  ExpectIsolated();
}

// 等保: a service's role appends to the audit trail (through the owner's
// functions) and reads its own rows; it cannot change, delete, truncate or
// drop them, nor read another service's.
TEST_F(DatabaseRolesTest, AuditRowsAreInsertOnlyForTheServiceRoles) {
  ApplyRoles();
  Migrate("zs_lead", "lead", lead::kMigrations);
  Migrate("zs_project", "project", project::kMigrations);
  ASSERT_EQ(Run("zs_lead",
                "INSERT INTO lead.enterprises (name, normalised_name, industry, type) "
                "VALUES ('审计企业', '审计企业', 1, 1)"),
            "");
  const std::string mine = "SELECT count(*) FROM audit.events WHERE schema_name = 'lead'";
  EXPECT_EQ(Query("zs_lead", mine), "1");
  EXPECT_EQ(Query("zs_project", mine), "0");  // row-level security
  constexpr char kDenied[] = "denied";
  EXPECT_EQ(Run("zs_lead", "UPDATE audit.events SET principal = 'someone-else'"), kDenied);
  EXPECT_EQ(Run("zs_lead", "DELETE FROM audit.events"), kDenied);
  EXPECT_EQ(Run("zs_lead", "TRUNCATE audit.events"), kDenied);
  EXPECT_EQ(Run("zs_lead",
                "INSERT INTO audit.events (db_role, schema_name, outcome, principal, method, "
                "operation) VALUES ('zs_lead', 'lead', 'changed', 'forged', 'X', 'INSERT')"),
            kDenied);
  EXPECT_EQ(Run("zs_lead", "DROP TABLE audit.events_default"), kDenied);
  EXPECT_EQ(Run("zs_lead", "ALTER TABLE audit.events DISABLE ROW LEVEL SECURITY"), kDenied);
  EXPECT_EQ(Query("",
                  "SELECT count(*) FROM audit.events WHERE principal = 'someone-else' OR "
                  "principal = 'forged'"),
            "0");
  EXPECT_EQ(Query("zs_lead", mine), "1");
}

// Monthly partitions past the retention go; none younger than six months,
// whatever a service asks for.
TEST_F(DatabaseRolesTest, OnlyAuditMonthsPastTheRetentionAreDropped) {
  ApplyRoles();
  const std::string month =
      "date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date - make_interval(months => ";
  for (int ago : {3, 8}) {
    Run("", absl::StrCat("DO $$ DECLARE m date := ", month, ago,
                         "); BEGIN EXECUTE format("
                         "'CREATE TABLE audit.%I PARTITION OF audit.events FOR VALUES FROM (%L) "
                         "TO (%L)', 'events_' || to_char(m, 'YYYYMM'), m, m + 31); END $$"));
  }
  const auto partition = [&](int ago) {
    return Query("", absl::StrCat("SELECT to_regclass('audit.events_' || to_char(", month, ago,
                                  "), 'YYYYMM')) IS NOT NULL"));
  };
  ASSERT_EQ(partition(3), "t");
  ASSERT_EQ(partition(8), "t");
  // Asked to keep one month, it keeps six: only the eight-month-old goes.
  EXPECT_EQ(Query("zs_lead", "SELECT string_agg(d, ',') FROM audit.drop_expired_partitions(1) d"),
            Query("", absl::StrCat("SELECT 'events_' || to_char(", month, "8), 'YYYYMM')")));
  EXPECT_EQ(partition(3), "t");
  EXPECT_EQ(partition(8), "f");
}

}  // namespace
}  // namespace zs::testing

// A call's deadline bounds its whole transaction, not each statement: a
// transaction whose statements were each quick but together ran past the
// deadline is rolled back, so a caller told DEADLINE_EXCEEDED never finds
// its change made after all.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "absl/time/clock.h"
#include "common/db/transaction.h"
#include "common/db/worker_pool.h"
#include "tests/support/test_database.h"

namespace zs::testing {
namespace {

const Migration kItems{1, "items", "CREATE TABLE items (id bigint PRIMARY KEY);"};

TEST(TransactionDeadline, QuickStatementsPastTheDeadlineAreNotCommitted) {
  TestDatabase database("scratch", {kItems});
  ConnectionSlot slot(database.service_conninfo());
  const absl::Time deadline = absl::Now() + absl::Milliseconds(300);
  int statements = 0;
  const absl::Status status = RunTransaction(slot, deadline, [&](pqxx::transaction_base& tx) {
    // Many short statements, none near the statement timeout, together
    // longer than the call may take.
    for (int i = 1; absl::Now() < deadline + absl::Milliseconds(100); ++i, ++statements) {
      tx.exec_params0("INSERT INTO items (id) VALUES ($1)", i);
      absl::SleepFor(absl::Milliseconds(20));
    }
    return absl::OkStatus();
  });
  EXPECT_GT(statements, 5);
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM items"), "0");

  // Within the deadline the same work commits, on the same connection.
  ASSERT_TRUE(RunTransaction(slot, absl::Now() + absl::Seconds(10), [](pqxx::transaction_base& tx) {
                tx.exec0("INSERT INTO items (id) VALUES (1)");
                return absl::OkStatus();
              }).ok());
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM items"), "1");
}

}  // namespace
}  // namespace zs::testing

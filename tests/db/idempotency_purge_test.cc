// Request ids are forgotten after the retention window, on a real
// PostgreSQL with the lead service's schema.
#include "common/db/idempotency_purge.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>

#include "common/db/migrations.h"
#include "tests/support/service_migrations.h"
#include "tests/support/test_database.h"

namespace zs::testing {
namespace {

TEST(IdempotencyPurge, ForgetsOnlyRequestIdsOlderThanTheWindowInBatches) {
  TestDatabase database("lead", lead::kMigrations);
  database.QueryValue(
      "INSERT INTO idempotency_keys (request_id, method, request_hash, principal, created_at) "
      "SELECT 'old-' || g, 'CreateLead', 'h', 'p', now() - interval '31 days' "
      "FROM generate_series(1, 7) g "
      "UNION ALL SELECT 'edge', 'CreateLead', 'h', 'p', now() - interval '29 days' "
      "UNION ALL SELECT 'new', 'CreateLead', 'h', 'p', now() RETURNING 1");

  WorkerPool pool(database.service_conninfo(), 1, 4);
  std::promise<absl::StatusOr<long>> purged;
  ASSERT_TRUE(pool.Submit([&](ConnectionSlot& slot) {
    purged.set_value(PurgeIdempotencyKeys(slot, absl::Hours(24 * 30), /*batch=*/3));
  }));
  const absl::StatusOr<long> result = purged.get_future().get();
  pool.Shutdown();

  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, 7);  // three batches: 3, 3, 1
  EXPECT_EQ(database.QueryValue("SELECT string_agg(request_id, ',' ORDER BY request_id) "
                                "FROM idempotency_keys"),
            "edge,new");
}

TEST(IdempotencyPurge, TheServicesPurgerRunsOnItsOwnEveryInterval) {
  TestDatabase database("lead", lead::kMigrations);
  database.QueryValue(
      "INSERT INTO idempotency_keys (request_id, method, request_hash, principal, created_at) "
      "VALUES ('old', 'CreateLead', 'h', 'p', now() - interval '2 hours'), "
      "       ('new', 'CreateLead', 'h', 'p', now()) RETURNING 1");
  WorkerPool pool(database.service_conninfo(), 1, 4);
  {
    IdempotencyPurger purger(pool, absl::Hours(1), absl::Milliseconds(20));
    for (int i = 0; i < 250 && database.QueryValue("SELECT count(*) FROM idempotency_keys") != "1";
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }  // stops its thread; the pool then finishes what it queued
  pool.Shutdown();
  EXPECT_EQ(database.QueryValue("SELECT string_agg(request_id, ',') FROM idempotency_keys"), "new");
}

}  // namespace
}  // namespace zs::testing

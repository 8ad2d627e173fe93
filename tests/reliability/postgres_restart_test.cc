// PostgreSQL restarted (fast, then immediate) in the middle of a write load:
// the service reconnects by itself, callers see only retryable codes and
// never wait past their deadline, and every write they saw acknowledged is
// in the database exactly once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/private_cluster.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

TEST(PostgresRestart, AcknowledgedWritesSurviveExactlyOnce) {
  PrivateCluster cluster;
  auto database = std::make_shared<TestDatabase>("lead", lead::kMigrations, cluster.conninfo());
  LeadServer server(database, 0);

  constexpr int kCallers = 4;
  constexpr int kPerCaller = 60;
  constexpr auto kDeadline = std::chrono::seconds(2);
  std::atomic<int> acknowledged{0};
  std::atomic<int> retried{0};
  std::atomic<int64_t> slowest_ms{0};
  std::mutex mutex;
  std::map<std::string, grpc::StatusCode> unexpected;
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      for (int i = 0; i < kPerCaller; ++i) {
        const auto request = EnterpriseRequest(absl::StrCat("pg-", c, "-", i),
                                               absl::StrCat("重启测试企业", c, "-", i));
        for (int attempt = 0; attempt < 400; ++attempt) {
          grpc::ClientContext context;
          context.AddMetadata("x-zs-principal", "fault-test");
          context.set_deadline(std::chrono::system_clock::now() + kDeadline);
          const auto started = std::chrono::steady_clock::now();
          lv1::Enterprise created;
          const grpc::Status status = server.stub().CreateEnterprise(&context, request, &created);
          const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
          int64_t seen = slowest_ms.load();
          while (ms > seen && !slowest_ms.compare_exchange_weak(seen, ms)) {
          }
          if (status.ok()) {
            ++acknowledged;
            break;
          }
          const grpc::StatusCode code = status.error_code();
          if (code != grpc::StatusCode::UNAVAILABLE &&
              code != grpc::StatusCode::DEADLINE_EXCEEDED && code != grpc::StatusCode::ABORTED) {
            std::lock_guard<std::mutex> lock(mutex);
            unexpected[request.request_id()] = code;
            break;
          }
          ++retried;  // the same request id again: it must not duplicate
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
    });
  }
  auto wait_for = [&](int count) {
    while (acknowledged < count) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  };
  wait_for(40);
  cluster.Restart("fast");
  wait_for(130);
  cluster.Restart("immediate");
  for (auto& caller : callers) caller.join();

  EXPECT_TRUE(unexpected.empty()) << unexpected.size() << " calls failed for good";
  EXPECT_EQ(acknowledged, kCallers * kPerCaller);
  // Nobody waited past the deadline (plus scheduling slack).
  EXPECT_LE(slowest_ms, 2500);
  EXPECT_EQ(database->QueryValue("SELECT count(*) FROM enterprises"),
            std::to_string(acknowledged.load()));
  EXPECT_EQ(database->QueryValue("SELECT count(DISTINCT name) FROM enterprises"),
            std::to_string(acknowledged.load()));
  EXPECT_EQ(database->QueryValue("SELECT count(*) FROM idempotency_keys"),
            std::to_string(acknowledged.load()));
  std::printf("acknowledged %d, found %s, retried attempts %d, slowest call %lld ms\n",
              acknowledged.load(), database->QueryValue("SELECT count(*) FROM enterprises").c_str(),
              retried.load(), static_cast<long long>(slowest_ms.load()));
}

}  // namespace
}  // namespace zs::testing

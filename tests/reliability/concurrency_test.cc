// Races and deadlines: concurrent updates with one etag, and a call whose
// deadline passes while the database is slow.
#include <gtest/gtest.h>

#include <atomic>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

TEST(Concurrency, OnlyOneWriterWithTheSameEtagWins) {
  ProjectServer server;
  ProjectDriver driver(server);
  const pv1::Project project = driver.Create();
  constexpr int kWriters = 12;
  std::vector<grpc::StatusCode> codes(kWriters);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      pv1::UpdateProjectRequest update;
      update.set_request_id(absl::StrCat("race-", w));
      *update.mutable_project() = project;  // everyone read the same version
      update.mutable_project()->set_name(absl::StrCat("写入者", w));
      update.mutable_update_mask()->add_paths("name");
      pv1::Project updated;
      codes[w] = server.stub().UpdateProject(StaffContext().get(), update, &updated).error_code();
    });
  }
  for (auto& writer : writers) writer.join();
  int winner = -1, losers = 0;
  for (int w = 0; w < kWriters; ++w) {
    if (codes[w] == grpc::StatusCode::OK) {
      EXPECT_EQ(winner, -1) << "two writers won";
      winner = w;
    } else {
      EXPECT_EQ(codes[w], grpc::StatusCode::ABORTED);
      ++losers;
    }
  }
  ASSERT_NE(winner, -1);
  EXPECT_EQ(losers, kWriters - 1);
  EXPECT_EQ(server.database().QueryValue(
                absl::StrCat("SELECT name FROM projects WHERE id = ", project.id())),
            absl::StrCat("写入者", winner));
  EXPECT_EQ(server.database().QueryValue(
                absl::StrCat("SELECT version FROM projects WHERE id = ", project.id())),
            "2");
}

TEST(Deadlines, AnExpiredCallIsRolledBackServerSide) {
  LeadServer server;
  // Inserts into enterprises wait behind this lock: the slow path.
  pqxx::connection blocker(server.database().service_conninfo());
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE enterprises IN SHARE ROW EXCLUSIVE MODE");

  grpc::ClientContext context;
  context.AddMetadata("x-zs-principal", "deadline-test");
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(50));
  lv1::Enterprise created;
  const auto started = std::chrono::steady_clock::now();
  const grpc::Status status = server.stub().CreateEnterprise(
      &context, EnterpriseRequest("slow-1", "慢速测试企业"), &created);
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_LT(waited, std::chrono::milliseconds(500));

  // The server stops waiting too: its statement times out and rolls back,
  // so no backend is left waiting on the lock once the deadline passed.
  pqxx::connection observer(server.database().service_conninfo());
  int waiting = 1;
  for (int attempt = 0; attempt < 100 && waiting > 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    pqxx::nontransaction tx(observer);
    waiting = tx.exec(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")[0][0]
                  .as<int>();
  }
  EXPECT_EQ(waiting, 0);
  lock.commit();
  EXPECT_EQ(server.database().QueryValue("SELECT count(*) FROM enterprises"), "0");
  EXPECT_EQ(server.database().QueryValue("SELECT count(*) FROM idempotency_keys"), "0");
}

}  // namespace
}  // namespace zs::testing

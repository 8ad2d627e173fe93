// The lead service as a real process: SIGTERM while calls are in flight
// lets every one of them finish, then the process exits cleanly.
#include <gtest/gtest.h>
#include <signal.h>

#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

TEST(LeadShutdown, SigtermDrainsCallsInFlight) {
  TestDatabase database("lead", lead::kMigrations);
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ChildProcess service(ZS_LEAD_BINARY, {"--listen=" + address, "--allow_plaintext",
                                        "--db_conninfo=" + database.conninfo(), "--db_pool_size=4",
                                        "--migrate=off", "--shutdown_grace_seconds=20"});
  ASSERT_TRUE(WaitUntilServing(address, 10'000));
  auto stub =
      lv1::LeadService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));

  // Hold a lock that makes every insert into enterprises wait, so the calls
  // below are provably inside the service when SIGTERM arrives.
  pqxx::connection blocker(database.service_conninfo());
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE enterprises IN SHARE ROW EXCLUSIVE MODE");

  constexpr int kCalls = 4;
  std::vector<grpc::StatusCode> codes(kCalls, grpc::StatusCode::UNKNOWN);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      lv1::Enterprise created;
      codes[i] = stub->CreateEnterprise(StaffContext().get(),
                                        EnterpriseRequest(absl::StrCat("drain-", i),
                                                          absl::StrCat("排空测试企业", i)),
                                        &created)
                     .error_code();
    });
  }
  pqxx::connection observer(database.service_conninfo());
  int waiting = 0;
  for (int attempt = 0; attempt < 200 && waiting < kCalls; ++attempt) {
    pqxx::nontransaction tx(observer);
    waiting = tx.exec(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")[0][0]
                  .as<int>();
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ASSERT_EQ(waiting, kCalls) << "the calls never reached the database";

  service.Signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(service.Wait(0), -1) << "exited before its calls finished";
  lock.commit();  // let the in-flight calls complete

  for (auto& caller : callers) caller.join();
  for (int i = 0; i < kCalls; ++i) EXPECT_EQ(codes[i], grpc::StatusCode::OK) << "call " << i;
  EXPECT_EQ(service.Wait(15'000), 0);
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM enterprises"), "4");
}

}  // namespace
}  // namespace zs::testing

// The lead service killed with SIGKILL in the middle of a write load and
// started again: callers retrying with the same request ids end with every
// acknowledged write present exactly once, and none half-present.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

TEST(ServiceKill, AcknowledgedWritesSurviveASigkill) {
  TestDatabase database("lead", lead::kMigrations);
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::vector<std::string> args = {"--listen=" + address, "--allow_plaintext",
                                         "--db_conninfo=" + database.conninfo(), "--db_pool_size=4",
                                         "--migrate=off"};
  auto service = std::make_unique<ChildProcess>(ZS_LEAD_BINARY, args);
  ASSERT_TRUE(WaitUntilServing(address, 10'000));
  auto stub =
      lv1::LeadService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));

  constexpr int kCallers = 4;
  constexpr int kPerCaller = 50;
  std::atomic<int> acknowledged{0}, retried{0}, gave_up{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      for (int i = 0; i < kPerCaller; ++i) {
        const auto request = EnterpriseRequest(absl::StrCat("kill-", c, "-", i),
                                               absl::StrCat("强杀测试企业", c, "-", i));
        bool done = false;
        for (int attempt = 0; attempt < 300 && !done; ++attempt) {
          grpc::ClientContext context;
          context.AddMetadata("x-zs-principal", "kill-test");
          context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
          lv1::Enterprise created;
          const grpc::Status status = stub->CreateEnterprise(&context, request, &created);
          if (status.ok()) {
            ++acknowledged;
            done = true;
          } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                     status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
            ++retried;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
          } else {
            ADD_FAILURE() << request.request_id() << ": " << status.error_message();
            break;
          }
        }
        if (!done) ++gave_up;
      }
    });
  }
  while (acknowledged < 60) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  service->Signal(SIGKILL);
  EXPECT_EQ(service->Wait(5'000), 128 + SIGKILL);
  service = std::make_unique<ChildProcess>(ZS_LEAD_BINARY, args);
  ASSERT_TRUE(WaitUntilServing(address, 10'000));
  for (auto& caller : callers) caller.join();

  EXPECT_EQ(gave_up, 0);
  EXPECT_EQ(acknowledged, kCallers * kPerCaller);
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM enterprises"),
            std::to_string(acknowledged.load()));
  EXPECT_EQ(database.QueryValue("SELECT count(*) FROM idempotency_keys WHERE response IS NULL"),
            "0");  // nothing half-done
  std::printf("acknowledged %d, found %s, retried attempts %d\n", acknowledged.load(),
              database.QueryValue("SELECT count(*) FROM enterprises").c_str(), retried.load());
}

}  // namespace
}  // namespace zs::testing

// The lead service as a process with --metrics_listen: its /metrics parses
// with prometheus_client's parser, and the call, pool, authentication,
// credential and process metrics move as calls are made.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tests/lead/lead_test_util.h"
#include "tests/ops/scrape.h"
#include "tests/security/security_support.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Principal self = ServiceAccount();
    token_file_ = absl::StrCat(::testing::TempDir(), "/metrics-test-", getpid(), ".token");
    std::ofstream(token_file_) << authority_.Token(self, absl::Hours(2));
    metrics_port_ = FreeLoopbackPort();
    service_ = std::make_unique<ChildProcess>(
        ZS_LEAD_BINARY,
        std::vector<std::string>{"--listen=" + address_, "--allow_plaintext",
                                 "--db_conninfo=" + database_.conninfo(), "--db_pool_size=3",
                                 "--migrate=off", "--service_token_file=" + token_file_,
                                 absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port_)});
    ASSERT_TRUE(WaitUntilServing(address_, 10'000));
    stub_ = lv1::LeadService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { std::remove(token_file_.c_str()); }

  grpc::Status CreateEnterprise(const std::string& request_id, const std::string& name,
                                bool with_principal = true) {
    grpc::ClientContext context;
    if (with_principal) context.AddMetadata("x-zs-principal", "metrics-test");
    lv1::Enterprise created;
    return stub_->CreateEnterprise(&context, EnterpriseRequest(request_id, name), &created);
  }

  TokenAuthority authority_;
  TestDatabase database_{"lead", lead::kMigrations};
  const std::string address_ = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  std::string token_file_;
  int metrics_port_ = 0;
  std::unique_ptr<ChildProcess> service_;
  std::unique_ptr<lv1::LeadService::Stub> stub_;
};

TEST_F(MetricsTest, MetricsParseAndMoveWithCalls) {
  const Samples before = Scrape(metrics_port_);
  const std::string created_ok =
      "zs_rpc_server_handled_total{code=OK,method=CreateEnterprise,service=lead}";
  const std::string latency_count =
      "zs_rpc_server_handling_seconds_count{method=CreateEnterprise,service=lead}";
  EXPECT_EQ(Value(before, created_ok), 0);
  EXPECT_EQ(Value(before, "zs_db_pool_size{pool=calls}"), 3);
  EXPECT_EQ(Value(before, "zs_db_pool_size{pool=reports}"), 2);

  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        CreateEnterprise(absl::StrCat("metrics-", i), absl::StrCat("指标测试企业", i)).ok());
  }
  EXPECT_EQ(CreateEnterprise("metrics-anon", "无名企业", /*with_principal=*/false).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  const Samples after = Scrape(metrics_port_);
  EXPECT_EQ(Value(after, created_ok), 3);
  // The histogram times every call, the refused one too.
  EXPECT_EQ(Value(after, latency_count), 4);
  EXPECT_GT(
      Value(after, "zs_rpc_server_handling_seconds_sum{method=CreateEnterprise,service=lead}"), 0);
  EXPECT_EQ(Value(after,
                  "zs_rpc_server_handling_seconds_bucket{le=+Inf,method=CreateEnterprise,"
                  "service=lead}"),
            4);
  EXPECT_EQ(Value(after,
                  "zs_rpc_server_handled_total{code=UNAUTHENTICATED,method=CreateEnterprise,"
                  "service=lead}"),
            1);
  EXPECT_EQ(Value(after, "zs_auth_failures_total{reason=missing_principal}"), 1);
  EXPECT_EQ(Value(after, "zs_rpc_server_calls_in_flight{service=lead}"), 0);
  // The three calls each waited for a worker and held one.
  EXPECT_GE(Value(after, "zs_db_pool_wait_seconds_count{pool=calls}") -
                Value(before, "zs_db_pool_wait_seconds_count{pool=calls}"),
            3);
  EXPECT_GE(Value(after, "zs_db_pool_job_seconds_count{pool=calls}"), 3);
  EXPECT_EQ(Value(after, "zs_db_pool_connections_in_use{pool=calls}"), 0);
  EXPECT_EQ(Value(after, "zs_db_pool_queued_calls{pool=calls}"), 0);

  // The service's own token expires in two hours.
  const double token_left = Value(after,
                                  "zs_credential_expiry_timestamp_seconds{credential="
                                  "service_token}") -
                            absl::ToUnixSeconds(absl::Now());
  EXPECT_GT(token_left, 7000);
  EXPECT_LE(token_left, 7200);

  EXPECT_GT(Value(after, "process_resident_memory_bytes{}"), 1 << 20);
  EXPECT_GT(Value(after, "process_open_fds{}"), 3);
  EXPECT_GT(Value(after, "process_max_fds{}"), 0);
  EXPECT_GE(Value(after, "process_cpu_seconds_total{}"), 0);
  EXPECT_NEAR(Value(after, "process_start_time_seconds{}"), absl::ToUnixSeconds(absl::Now()), 120);
}

TEST_F(MetricsTest, StatementErrorsAreCountedBySqlstateClass) {
  const std::string integrity = "zs_db_statement_errors_total{sqlstate_class=23}";
  const double before = Value(Scrape(metrics_port_), integrity);
  // A constraint only the database knows (the service checks names for
  // duplicates itself) fails the INSERT with SQLSTATE 23514.
  database_.QueryValue(
      "ALTER TABLE enterprises ADD CONSTRAINT metrics_test CHECK (name <> '数据库拒绝的企业')");
  const grpc::Status refused = CreateEnterprise("metrics-check", "数据库拒绝的企业");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << refused.error_message();
  EXPECT_EQ(Value(Scrape(metrics_port_), integrity), before + 1);
}

}  // namespace
}  // namespace zs::testing

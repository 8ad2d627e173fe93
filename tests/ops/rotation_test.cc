// Rotation and readiness, with real processes and files: a service serving
// TLS picks up a renewed certificate (its files replaced in place, as
// Kubernetes updates a mounted Secret) without a restart; a service whose
// own token has expired, or whose schema is behind its binary, starts
// NOT_SERVING, says why in its log and refuses calls with UNAVAILABLE.
#include <grpcpp/create_channel.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/security/tls.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/security_support.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

namespace fs = std::filesystem;

std::string MakeTempDir() {
  char pattern[] = "/tmp/zs-rotation-XXXXXX";
  if (mkdtemp(pattern) == nullptr) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// grpc.health.v1 Check over a new connection of its own (no subchannel
// shared with an earlier check), trusting `ca_file`.
grpc::StatusCode CheckHealth(const std::string& address, const std::string& ca_file) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials({.ca_file = ca_file});
  grpc::ChannelArguments arguments;
  arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateCustomChannel(address, *credentials, arguments));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  grpc::health::v1::HealthCheckResponse response;
  return stub->Check(&context, {}, &response).error_code();
}

grpc::health::v1::HealthCheckResponse::ServingStatus PlaintextHealth(const std::string& address) {
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  grpc::health::v1::HealthCheckResponse response;
  if (!stub->Check(&context, {}, &response).ok()) return response.UNKNOWN;
  return response.status();
}

class RotationTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = MakeTempDir(); }
  void TearDown() override { fs::remove_all(dir_); }
  std::string File(const std::string& name) const { return absl::StrCat(dir_, "/", name); }
  void MakeCerts(const std::string& set) {
    ASSERT_EQ(std::system(absl::StrCat(ZS_MAKE_DEV_CERTS, " ", File(set), " >/dev/null").c_str()),
              0);
  }
  // Replaces `to` by `from` the way the kubelet updates a Secret: a new
  // file renamed over the old one.
  void Replace(const std::string& from, const std::string& to) {
    fs::copy_file(File(from), File(to + ".new"), fs::copy_options::overwrite_existing);
    fs::rename(File(to + ".new"), File(to));
  }

  std::string dir_;
};

TEST_F(RotationTest, ARenewedCertificateIsServedWithoutARestart) {
  MakeCerts("old");
  MakeCerts("renewed");  // another CA: only the renewed certificate passes its check
  fs::create_directory(File("mounted"));
  Replace("old/server.crt", "mounted/tls.crt");
  Replace("old/server.key", "mounted/tls.key");

  TestDatabase database("lead", lead::kMigrations);
  TokenAuthority authority;
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::string health = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ChildProcess service(
      ZS_LEAD_BINARY,
      {"--listen=" + address, "--health_listen=" + health,
       "--tls_cert_file=" + File("mounted/tls.crt"), "--tls_key_file=" + File("mounted/tls.key"),
       "--tls_reload_seconds=1", "--token_public_keys_file=" + authority.public_keys_file(),
       "--db_conninfo=" + database.conninfo(), "--db_pool_size=1", "--migrate=off"});
  ASSERT_TRUE(WaitUntilServing(health, 10'000));
  const pid_t pid = service.pid();
  EXPECT_EQ(CheckHealth(address, File("old/ca.crt")), grpc::StatusCode::OK);
  EXPECT_EQ(CheckHealth(address, File("renewed/ca.crt")), grpc::StatusCode::UNAVAILABLE);

  Replace("renewed/server.key", "mounted/tls.key");
  Replace("renewed/server.crt", "mounted/tls.crt");
  bool renewed = false;
  for (int i = 0; i < 50 && !renewed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    renewed = CheckHealth(address, File("renewed/ca.crt")) == grpc::StatusCode::OK;
  }
  EXPECT_TRUE(renewed) << "the renewed certificate was not served within 10 s";
  EXPECT_EQ(CheckHealth(address, File("old/ca.crt")), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(service.pid(), pid);
  EXPECT_EQ(kill(pid, 0), 0) << "the service restarted or died";
}

TEST_F(RotationTest, AnExpiredServiceTokenFailsReadinessAndSaysSo) {
  TestDatabase database("lead", lead::kMigrations);
  TokenAuthority authority;
  std::ofstream(File("own.token")) << authority.Token(ServiceAccount(), -absl::Minutes(5));
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ChildProcess service(
      ZS_LEAD_BINARY,
      {"--listen=" + address, "--allow_plaintext", "--service_token_file=" + File("own.token"),
       "--db_conninfo=" + database.conninfo(), "--db_pool_size=1", "--migrate=off"},
      File("lead.log"));
  ASSERT_FALSE(WaitUntilServing(address, 3'000));
  EXPECT_EQ(PlaintextHealth(address), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  EXPECT_NE(ReadFile(File("lead.log")).find("own token expired"), std::string::npos)
      << ReadFile(File("lead.log"));
}

TEST_F(RotationTest, AServiceWhoseSchemaIsBehindItsBinaryIsNotServing) {
  // The schema as the release before the last migration left it.
  std::vector<Migration> older = lead::kMigrations;
  older.pop_back();
  TestDatabase database("lead", older);
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ChildProcess service(
      ZS_LEAD_BINARY,
      {"--listen=" + address, "--allow_plaintext", "--db_conninfo=" + database.conninfo(),
       "--db_pool_size=1", "--migrate=off", "--readiness_check_seconds=1"},
      File("lead.log"));
  ASSERT_FALSE(WaitUntilServing(address, 3'000));
  EXPECT_EQ(PlaintextHealth(address), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  const std::string log = ReadFile(File("lead.log"));
  EXPECT_NE(log.find(absl::StrCat("is at migration ", older.back().version,
                                  " but this binary needs ", lead::kMigrations.back().version)),
            std::string::npos)
      << log;

  // Calls are refused as unavailable (retry later), not failed as internal.
  auto stub =
      lv1::LeadService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("x-zs-principal", "upgrade-test");
  lv1::ListEnterprisesResponse response;
  const grpc::Status refused = stub->ListEnterprises(&context, {}, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  EXPECT_NE(refused.error_message().find("migration"), std::string::npos);

  // The migration runs (as the Job or init container would); the running
  // service notices and serves.
  ChildProcess migrate(ZS_LEAD_BINARY, {"--db_conninfo=" + database.conninfo(), "--migrate=only"});
  EXPECT_EQ(migrate.Wait(30'000), 0);
  EXPECT_TRUE(WaitUntilServing(address, 5'000));
}

}  // namespace
}  // namespace zs::testing

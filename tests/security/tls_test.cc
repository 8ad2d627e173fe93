// Transport security with certificates from deploy/tls/make-dev-certs.sh:
// TLS connects with the right CA and fails without it; mutual TLS also
// demands a client certificate from the same CA; plaintext is refused
// unless asked for on loopback; and a service process started with TLS and
// token flags serves TLS, bearer tokens and a plaintext health port.
#include "common/security/tls.h"

#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "common/server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/security/security_support.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"
#include "tests/support/test_database.h"
#include "zhaoshang/lead/v1/lead_service.grpc.pb.h"

namespace zs::testing {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/zs-certs-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = new std::string(pattern);
    ASSERT_EQ(
        std::system(
            absl::StrCat(ZS_MAKE_DEV_CERTS, " ", *dir_, "/good office-fujian >/dev/null").c_str()),
        0);
    ASSERT_EQ(
        std::system(
            absl::StrCat(ZS_MAKE_DEV_CERTS, " ", *dir_, "/rogue office-fujian >/dev/null").c_str()),
        0);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string File(const std::string& name) { return absl::StrCat(*dir_, "/", name); }

  static std::unique_ptr<GrpcServer> Serve(const ServerTlsFiles& files) {
    absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
        MakeServerCredentials(files, "127.0.0.1:0", false);
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    absl::StatusOr<std::unique_ptr<GrpcServer>> server =
        GrpcServer::Start({.listen_address = "127.0.0.1:0", .credentials = *credentials}, {});
    EXPECT_TRUE(server.ok()) << server.status();
    return *std::move(server);
  }

  // grpc.health.v1 Check over a channel with `credentials`.
  static grpc::StatusCode Check(int port, std::shared_ptr<grpc::ChannelCredentials> credentials) {
    auto stub = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), credentials));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
    grpc::health::v1::HealthCheckResponse response;
    return stub->Check(&context, {}, &response).error_code();
  }

  static std::shared_ptr<grpc::ChannelCredentials> Client(const ChannelTlsFiles& files) {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
        MakeChannelCredentials(files);
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    return *credentials;
  }

  static inline std::string* dir_ = nullptr;
};

TEST_F(TlsTest, TlsNeedsTheRightCertificateAuthority) {
  auto server = Serve({.cert_file = File("good/server.crt"), .key_file = File("good/server.key")});
  EXPECT_EQ(Check(server->port(), Client({.ca_file = File("good/ca.crt")})), grpc::StatusCode::OK);
  EXPECT_EQ(Check(server->port(), Client({.ca_file = File("rogue/ca.crt")})),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Check(server->port(), grpc::InsecureChannelCredentials()),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, MutualTlsNeedsAClientCertificateFromTheSameAuthority) {
  auto server = Serve({.cert_file = File("good/server.crt"),
                       .key_file = File("good/server.key"),
                       .client_ca_file = File("good/ca.crt")});
  EXPECT_EQ(Check(server->port(), Client({.ca_file = File("good/ca.crt"),
                                          .cert_file = File("good/office-fujian.crt"),
                                          .key_file = File("good/office-fujian.key")})),
            grpc::StatusCode::OK);
  EXPECT_EQ(Check(server->port(), Client({.ca_file = File("good/ca.crt")})),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Check(server->port(), Client({.ca_file = File("good/ca.crt"),
                                          .cert_file = File("rogue/office-fujian.crt"),
                                          .key_file = File("rogue/office-fujian.key")})),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(TlsTest, PlaintextOnlyWhenAskedForOnLoopback) {
  EXPECT_TRUE(MakeServerCredentials({}, "127.0.0.1:7101", true).ok());
  EXPECT_TRUE(MakeServerCredentials({}, "[::1]:7101", true).ok());
  EXPECT_EQ(MakeServerCredentials({}, "127.0.0.1:7101", false).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MakeServerCredentials({}, "0.0.0.0:7101", true).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(MakeServerCredentials(
                {.cert_file = File("good/missing.crt"), .key_file = File("good/server.key")},
                "0.0.0.0:7101", false)
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(TlsTest, AServiceProcessServesTlsTokensAndAPlaintextHealthPort) {
  TestDatabase database("lead", lead::kMigrations);
  TokenAuthority authority;
  const int port = FreeLoopbackPort(), health_port = FreeLoopbackPort();
  ChildProcess service(
      ZS_LEAD_BINARY,
      {absl::StrCat("--listen=127.0.0.1:", port),
       absl::StrCat("--health_listen=127.0.0.1:", health_port),
       "--tls_cert_file=" + File("good/server.crt"), "--tls_key_file=" + File("good/server.key"),
       "--token_public_keys_file=" + authority.public_keys_file(),
       "--db_conninfo=" + database.conninfo(), "--db_pool_size=2", "--migrate=off"});
  ASSERT_TRUE(WaitUntilServing(absl::StrCat("127.0.0.1:", health_port), 10'000));

  auto stub = zhaoshang::lead::v1::LeadService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", port), Client({.ca_file = File("good/ca.crt")})));
  zhaoshang::lead::v1::ListEnterprisesResponse response;
  EXPECT_TRUE(stub->ListEnterprises(authority.Context(OfficeStaff()).get(), {}, &response).ok());
  auto without_token = std::make_unique<grpc::ClientContext>();
  EXPECT_EQ(stub->ListEnterprises(without_token.get(), {}, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Check(port, grpc::InsecureChannelCredentials()), grpc::StatusCode::UNAVAILABLE)
      << "the service port itself speaks only TLS";
  service.Signal(SIGTERM);
  EXPECT_EQ(service.Wait(20'000), 0);
}

TEST_F(TlsTest, AServiceWithoutKeyOrPlaintextPermissionRefusesToStart) {
  ChildProcess service(ZS_LEAD_BINARY,
                       {absl::StrCat("--listen=127.0.0.1:", FreeLoopbackPort()), "--migrate=off"});
  EXPECT_EQ(service.Wait(10'000), 2);
}

}  // namespace
}  // namespace zs::testing

// zs-gateway's listener follows the rule of every listener in the suite:
// HTTPS with the certificate it is given, plain HTTP only when asked for and
// only on loopback. Under TLS it sends HSTS.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "tests/support/process.h"

namespace zs::testing {
namespace {

class GatewayTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(std::filesystem::temp_directory_path() /
                           absl::StrCat("zs-gateway-tls-", getpid()));
    ASSERT_EQ(
        std::system(absl::StrCat(ZS_MAKE_DEV_CERTS, " ", *dir_, " zs-service >/dev/null").c_str()),
        0);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string File(const std::string& name) { return absl::StrCat(*dir_, "/", name); }
  static std::string* dir_;
};
std::string* GatewayTlsTest::dir_ = nullptr;

TEST_F(GatewayTlsTest, ServesHttpsWithHsts) {
  const int port = FreeLoopbackPort();
  ChildProcess gateway(
      ZS_GATEWAY_BINARY,
      {absl::StrCat("--listen=127.0.0.1:", port), "--tls_cert_file=" + File("server.crt"),
       "--tls_key_file=" + File("server.key"), "--lead_address=127.0.0.1:1"});
  httplib::SSLClient client("127.0.0.1", port);
  client.set_ca_cert_path(File("ca.crt").c_str());
  client.enable_server_certificate_verification(true);
  httplib::Result answer = client.Get("/healthz");
  for (int i = 0; i < 100 && !answer; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    answer = client.Get("/healthz");
  }
  ASSERT_TRUE(answer) << "no HTTPS answer";
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  auto api = client.Get("/v1/leads/1");  // no lead service there: UNAVAILABLE
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 503) << api->body;

  httplib::Client plain("127.0.0.1", port);  // plain HTTP to the HTTPS port gets nothing
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status != 200);
}

TEST_F(GatewayTlsTest, PlainHttpOnlyWhenAskedAndOnlyOnLoopback) {
  const int port = FreeLoopbackPort();
  ChildProcess everywhere(ZS_GATEWAY_BINARY,
                          {absl::StrCat("--listen=0.0.0.0:", port), "--allow_plaintext"});
  EXPECT_EQ(everywhere.Wait(10'000), 2);
  ChildProcess unasked(ZS_GATEWAY_BINARY, {absl::StrCat("--listen=127.0.0.1:", port)});
  EXPECT_EQ(unasked.Wait(10'000), 2);
}

}  // namespace
}  // namespace zs::testing

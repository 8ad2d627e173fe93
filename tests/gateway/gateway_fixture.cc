#include "tests/gateway/gateway_fixture.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/outbound.h"

namespace zs::testing {

GatewayProcess::GatewayProcess(const std::vector<std::string>& backend_flags,
                               const std::vector<std::string>& extra)
    : port_(FreeLoopbackPort()) {
  std::vector<std::string> args = {absl::StrCat("--listen=127.0.0.1:", port_), "--allow_plaintext"};
  args.insert(args.end(), backend_flags.begin(), backend_flags.end());
  args.insert(args.end(), extra.begin(), extra.end());
  process_ = std::make_unique<ChildProcess>(ZS_GATEWAY_BINARY, args);
  for (int i = 0; i < 200; ++i) {
    httplib::Client client("127.0.0.1", port_);
    if (auto answer = client.Get("/healthz"); answer && answer->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("zs-gateway did not start");
}

std::unique_ptr<httplib::Client> GatewayProcess::Client() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_read_timeout(30);
  return client;
}

GatewayFixture::GatewayFixture(const std::vector<std::string>& extra)
    : supervision_(authority_.gatekeeper()), reporting_(authority_.gatekeeper()) {
  SetOutboundIdentity({.service = "zs-test-service", .token = authority_.Token(ServiceAccount())});
  static_dir_ = std::filesystem::temp_directory_path() /
                absl::StrCat("zs-gateway-static-", getpid(), "-", FreeLoopbackPort());
  std::filesystem::create_directories(static_dir_ / "assets");
  std::ofstream(static_dir_ / "index.html") << "<!doctype html><title>招商</title>";
  std::ofstream(static_dir_ / "assets" / "index-3f2a9c.js") << "console.log('console');";
  std::ofstream(static_dir_ / "favicon.svg") << "<svg/>";
  backend_flags_ = {
      absl::StrCat("--lead_address=127.0.0.1:", supervision_.projects().lead().port()),
      absl::StrCat("--project_address=127.0.0.1:", supervision_.projects().port()),
      absl::StrCat("--supervision_address=127.0.0.1:", supervision_.port()),
      absl::StrCat("--reporting_address=127.0.0.1:", reporting_.port()),
      // Nothing listens here: identity's routes answer UNAVAILABLE.
      absl::StrCat("--identity_address=127.0.0.1:", FreeLoopbackPort())};
  std::vector<std::string> flags = {"--static_dir=" + static_dir_.string(),
                                    "--rate_limit_per_second=0"};
  flags.insert(flags.end(), extra.begin(), extra.end());
  gateway_ = std::make_unique<GatewayProcess>(backend_flags_, flags);
}

GatewayFixture::~GatewayFixture() {
  gateway_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(static_dir_, ignored);
  SetOutboundIdentity({});
}

httplib::Headers GatewayFixture::As(const Principal& principal) const {
  return {{"Authorization", "Bearer " + authority_.Token(principal)}};
}

int StatusCodeOf(const std::string& json) {
  google::protobuf::Struct body;
  if (!google::protobuf::util::JsonStringToMessage(json, &body).ok()) return -1;
  auto code = body.fields().find("code");
  if (code == body.fields().end()) return -1;
  return static_cast<int>(code->second.number_value());
}

}  // namespace zs::testing

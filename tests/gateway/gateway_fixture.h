// A real zs-gateway process in front of the real services (lead, project,
// supervision and reporting in-process on fresh databases, verifying signed
// tokens), spoken to over HTTP with cpp-httplib's client.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/security/security_support.h"
#include "tests/support/process.h"
#include "tests/support/reporting_server.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {

// The gateway binary with `extra` flags, on a free port, plain HTTP on loopback.
class GatewayProcess {
 public:
  GatewayProcess(const std::vector<std::string>& backend_flags,
                 const std::vector<std::string>& extra = {});
  int port() const { return port_; }
  std::unique_ptr<httplib::Client> Client() const;

 private:
  int port_;
  std::unique_ptr<ChildProcess> process_;
};

// The suite behind one gateway; the console's files in a temporary directory.
class GatewayFixture {
 public:
  explicit GatewayFixture(const std::vector<std::string>& extra = {});
  ~GatewayFixture();

  TokenAuthority& authority() { return authority_; }
  SupervisionServer& suite() { return supervision_; }
  ReportingServer& reporting() { return reporting_; }
  const std::vector<std::string>& backend_flags() const { return backend_flags_; }
  const std::filesystem::path& static_dir() const { return static_dir_; }
  GatewayProcess& gateway() { return *gateway_; }
  std::unique_ptr<httplib::Client> Client() const { return gateway_->Client(); }
  httplib::Headers As(const Principal& principal) const;

 private:
  TokenAuthority authority_;
  SupervisionServer supervision_;
  ReportingServer reporting_;
  std::filesystem::path static_dir_;
  std::vector<std::string> backend_flags_;
  std::unique_ptr<GatewayProcess> gateway_;
};

// The google.rpc.Status code in a JSON error body, -1 if none.
int StatusCodeOf(const std::string& json);

}  // namespace zs::testing

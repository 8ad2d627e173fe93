// Runs python_client.py (Python grpcio + stubs generated from the .proto
// files) against the lead service started in-process.
#include <gtest/gtest.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "tests/support/lead_server.h"

namespace zs::testing {
namespace {

TEST(PythonClient, DrivesTheLeadServiceFromTheProtosAlone) {
  LeadServer server;
  const std::string command = absl::StrCat("/usr/bin/python3 ", ZS_PYTHON_CLIENT, " ",
                                           ZS_PYTHON_STUBS, " 127.0.0.1:", server.port());
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

}  // namespace
}  // namespace zs::testing

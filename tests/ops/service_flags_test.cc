// Each service binary takes only the flags it uses: zs-reporting owns no
// database, so --db_conninfo and --migrate are unknown to it, while the
// services with a schema check theirs.
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "tests/support/process.h"

namespace zs::testing {
namespace {

std::string FreeListen() { return absl::StrCat("--listen=127.0.0.1:", FreeLoopbackPort()); }

TEST(ServiceFlags, ReportingRefusesTheDatabaseFlags) {
  for (const std::string& flag :
       {std::string("--migrate=off"), std::string("--db_conninfo=host=127.0.0.1"),
        std::string("--rebuild_report_rollups")}) {
    ChildProcess reporting(ZS_REPORTING_BINARY, {FreeListen(), "--allow_plaintext", flag});
    // Abseil's answer to an unknown flag; a reporting that took it would
    // still be serving (-1) when the wait ends.
    EXPECT_EQ(reporting.Wait(10'000), 1) << flag;
  }
}

TEST(ServiceFlags, ALeadWithABadMigrateValueExitsAsMisconfigured) {
  ChildProcess lead(ZS_LEAD_BINARY, {FreeListen(), "--allow_plaintext", "--migrate=sometimes"});
  EXPECT_EQ(lead.Wait(10'000), 2);
}

TEST(ServiceFlags, AnUnreadableDatabasePasswordFileIsAnErrorNotACrash) {
  ChildProcess lead(ZS_LEAD_BINARY, {FreeListen(), "--allow_plaintext", "--migrate=off",
                                     "--db_password_file=/nonexistent/zs-password"});
  EXPECT_EQ(lead.Wait(10'000), 2);
}

}  // namespace
}  // namespace zs::testing

// W3C Trace Context across processes: a report asked of reporting with a
// traceparent is followed, by its trace id, into the lines reporting, lead
// and project each log for it; each service's span is a child of its
// caller's. Real processes, real channels, their real logs.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"
#include "tests/support/test_database.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"

namespace zs::testing {
namespace {

namespace rv1 = ::zhaoshang::reporting::v1;

// The calls' JSON log lines in `file` that contain `needle`.
std::vector<std::string> LinesWith(const std::string& file, const std::string& needle) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"msg\":\"rpc\"") != std::string::npos &&
        line.find(needle) != std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

std::string Field(const std::string& line, const std::string& name) {
  const std::string key = absl::StrCat("\"", name, "\":\"");
  const size_t at = line.find(key);
  if (at == std::string::npos) return "";
  const size_t start = at + key.size();
  return line.substr(start, line.find('"', start) - start);
}

TEST(TraceTest, AReportsTraceIdCrossesReportingIntoLeadAndProject) {
  char pattern[] = "/tmp/zs-trace-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  TestDatabase leads("lead", lead::kMigrations);
  TestDatabase projects("project", project::kMigrations);
  const std::string lead = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::string project = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  const std::string reporting = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  // Reporting owns no database, so only lead and project take --migrate.
  const std::vector<std::string> common = {"--allow_plaintext", "--db_pool_size=2"};
  auto with = [&](std::vector<std::string> args) {
    args.insert(args.end(), common.begin(), common.end());
    return args;
  };
  ChildProcess lead_service(
      ZS_LEAD_BINARY,
      with({"--listen=" + lead, "--db_conninfo=" + leads.conninfo(), "--migrate=off"}),
      dir + "/lead.log");
  ChildProcess project_service(ZS_PROJECT_BINARY,
                               with({"--listen=" + project, "--db_conninfo=" + projects.conninfo(),
                                     "--migrate=off", "--lead_address=" + lead}),
                               dir + "/project.log");
  ChildProcess reporting_service(
      ZS_REPORTING_BINARY,
      with({"--listen=" + reporting, "--lead_address=" + lead, "--project_address=" + project}),
      dir + "/reporting.log");
  ASSERT_TRUE(WaitUntilServing(lead, 10'000));
  ASSERT_TRUE(WaitUntilServing(project, 10'000));
  ASSERT_TRUE(WaitUntilServing(reporting, 10'000));

  const std::string trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  const std::string caller_span = "00f067aa0ba902b7";
  auto stub = rv1::ReportingService::NewStub(
      grpc::CreateChannel(reporting, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("x-zs-principal", "staff-zhang");
  context.AddMetadata("x-zs-role", "bureau_staff");
  context.AddMetadata("traceparent", absl::StrCat("00-", trace_id, "-", caller_span, "-01"));
  rv1::GetPeriodReportRequest request;
  request.mutable_period()->set_start_date("2026-01-01");
  request.mutable_period()->set_end_date("2026-06-30");
  rv1::PeriodReport report;
  const grpc::Status status = stub->GetPeriodReport(&context, request, &report);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // Each service logs its call line; the services' lines go out when the
  // call ends, which for reporting is after lead's and project's.
  const std::vector<std::string> at_reporting = LinesWith(dir + "/reporting.log", trace_id);
  ASSERT_FALSE(at_reporting.empty()) << "reporting logged nothing with the trace id";
  const std::string& report_line = at_reporting.back();
  EXPECT_EQ(Field(report_line, "method"), "GetPeriodReport");
  EXPECT_EQ(Field(report_line, "parent_span_id"), caller_span);
  EXPECT_EQ(Field(report_line, "principal"), "staff-zhang");
  EXPECT_NE(Field(report_line, "peer"), "");
  const std::string report_span = Field(report_line, "span_id");
  ASSERT_EQ(report_span.size(), 16u);
  EXPECT_NE(report_span, caller_span);

  for (const std::string service : {"lead", "project"}) {
    const std::vector<std::string> lines =
        LinesWith(absl::StrCat(dir, "/", service, ".log"), trace_id);
    ASSERT_FALSE(lines.empty()) << service << " logged nothing with the trace id";
    for (const std::string& line : lines) {
      // Called by reporting's span, for the person reporting acts for.
      EXPECT_EQ(Field(line, "parent_span_id"), report_span) << line;
      EXPECT_EQ(Field(line, "on_behalf_of"), "staff-zhang") << line;
      EXPECT_EQ(Field(line, "code"), "OK") << line;
      EXPECT_EQ(Field(line, "span_id").size(), 16u) << line;
    }
  }
  // A call without a traceparent starts its own trace, and it is logged too.
  grpc::ClientContext untraced;
  untraced.AddMetadata("x-zs-principal", "staff-zhang");
  untraced.AddMetadata("x-zs-role", "bureau_staff");
  ASSERT_TRUE(stub->GetPeriodReport(&untraced, request, &report).ok());
  const std::vector<std::string> all = LinesWith(dir + "/reporting.log", "GetPeriodReport");
  ASSERT_GE(all.size(), 2u);
  const std::string fresh = Field(all.back(), "trace_id");
  EXPECT_EQ(fresh.size(), 32u);
  EXPECT_NE(fresh, trace_id);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zs::testing

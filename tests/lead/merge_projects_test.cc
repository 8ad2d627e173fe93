// An enterprise merge re-points the project service's projects (#17.2),
// exactly once, through the project service's API: a lead service whose
// merges reach a real project service over gRPC.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/lead/project_client.h"
#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

TEST(MergeProjectsTest, ProjectsFollowTheSurvivorExactlyOnce) {
  ProjectServer projects;
  ProjectDriver driver(projects);
  // The project (and the enterprise it names) first, then a lead service on
  // the same database whose merges call this project service.
  const pv1::Project project = driver.Create();
  const int64_t duplicate = project.enterprise_id();
  const int64_t survivor = projects.CreateEnterprise("示例恒通电子科技");
  lead::ProjectClient client(projects.channel(), absl::Seconds(3));
  LeadServer leads(projects.lead().shared_database(), 0, Directory::Seeded(),
                   Gatekeeper::TrustingMetadata(), &client);

  lv1::MergeEnterprisesRequest merge;
  merge.set_request_id("merge-with-projects");
  merge.set_survivor_id(survivor);
  merge.set_duplicate_id(duplicate);
  lv1::Merge record;
  const grpc::Status status = leads.stub().MergeEnterprises(StaffContext().get(), merge, &record);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_NE(record.moved_summary().find("projects=1"), std::string::npos) << record.moved_summary();

  pv1::GetProjectRequest get;
  get.set_id(project.id());
  pv1::Project moved;
  ASSERT_TRUE(projects.stub().GetProject(StaffContext().get(), get, &moved).ok());
  EXPECT_EQ(moved.enterprise_id(), survivor);

  // A retried merge answers as the first; the projects moved once.
  lv1::Merge again;
  ASSERT_TRUE(leads.stub().MergeEnterprises(StaffContext().get(), merge, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), record.SerializeAsString());
  pv1::Project after;
  ASSERT_TRUE(projects.stub().GetProject(StaffContext().get(), get, &after).ok());
  EXPECT_EQ(after.etag(), moved.etag());
  EXPECT_EQ(
      projects.database().QueryValue(
          "SELECT count(*) FROM idempotency_keys WHERE method LIKE '%MoveEnterpriseProjects'"),
      "1");
}

TEST(MergeProjectsTest, TheMoveRepeatedWithItsRequestIdMovesNothingMore) {
  ProjectServer projects;
  ProjectDriver driver(projects);
  const pv1::Project project = driver.Create();
  const int64_t to = projects.CreateEnterprise("另一家企业");
  lead::ProjectClient client(projects.channel(), absl::Seconds(3));
  CallContext call;
  call.principal.id = "zs-lead";
  call.deadline = absl::Now() + absl::Seconds(10);
  const std::string version_sql =
      absl::StrCat("SELECT version FROM projects WHERE id = ", project.id());
  std::string version;
  for (int i = 0; i < 2; ++i) {
    absl::StatusOr<int64_t> moved =
        client.MoveEnterpriseProjects(call, "one-merge", project.enterprise_id(), to);
    ASSERT_TRUE(moved.ok()) << moved.status();
    EXPECT_EQ(*moved, 1);  // the first answer, replayed
    if (i == 0) version = projects.database().QueryValue(version_sql);
  }
  EXPECT_EQ(projects.database().QueryValue(version_sql), version);
}

TEST(MergeProjectsTest, BadIdsAreRefusedByName) {
  ProjectServer projects;
  pv1::MoveEnterpriseProjectsRequest request;
  request.set_request_id("bad-move");
  request.set_from_enterprise_id(5);
  request.set_to_enterprise_id(5);
  pv1::MoveEnterpriseProjectsResponse response;
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-zs-principal", "zs-lead");
  context->AddMetadata("x-zs-role", "service");
  const grpc::Status status =
      projects.stub().MoveEnterpriseProjects(context.get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "to_enterprise_id");
  // People are not services.
  request.set_to_enterprise_id(6);
  EXPECT_EQ(
      projects.stub().MoveEnterpriseProjects(StaffContext().get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace zs::testing

// The lead service as a process with --db_read_conninfo: lists and report
// aggregates are served from the read-only endpoint, writes and reads of
// one record from the primary. The "replica" here is a second database, so
// what each read returns shows which connection served it; and the
// connection shows in pg_stat_activity under the application_name its
// connection string gives.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/process.h"
#include "tests/support/service_migrations.h"
#include "tests/support/test_database.h"

namespace zs::testing {
namespace {

TEST(ReadReplicaTest, ListsComeFromTheReadEndpointWritesAndGetsFromThePrimary) {
  TestDatabase primary("lead", lead::kMigrations);
  TestDatabase replica("lead", lead::kMigrations);
  // A row only the read endpoint has.
  replica.QueryValue(
      "INSERT INTO enterprises (name, normalised_name, type, industry) "
      "VALUES ('只读库里的企业有限公司', '只读库里的企业', 1, 2)");
  const std::string address = absl::StrCat("127.0.0.1:", FreeLoopbackPort());
  ChildProcess service(
      ZS_LEAD_BINARY,
      {"--listen=" + address, "--allow_plaintext", "--db_conninfo=" + primary.conninfo(),
       "--db_read_conninfo=" + replica.conninfo() + " application_name=zs-lead-reads",
       "--db_pool_size=2", "--migrate=off"});
  ASSERT_TRUE(WaitUntilServing(address, 10'000));
  auto stub =
      lv1::LeadService::NewStub(grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  auto context = [] {
    auto c = std::make_unique<grpc::ClientContext>();
    c->AddMetadata("x-zs-principal", "replica-test");
    return c;
  };

  lv1::Enterprise created;
  grpc::Status status = stub->CreateEnterprise(
      context().get(), EnterpriseRequest("replica-1", "主库里的企业有限公司"), &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(primary.QueryValue("SELECT count(*) FROM enterprises"), "1")
      << "written to the primary";
  EXPECT_EQ(replica.QueryValue("SELECT count(*) FROM enterprises WHERE name LIKE '主库%'"), "0");

  // A read of the record just written: the primary.
  lv1::GetEnterpriseRequest get;
  get.set_id(created.id());
  lv1::Enterprise got;
  status = stub->GetEnterprise(context().get(), get, &got);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.name(), "主库里的企业有限公司");

  // A list: the read endpoint, which has only its own row.
  lv1::ListEnterprisesResponse listed;
  status = stub->ListEnterprises(context().get(), lv1::ListEnterprisesRequest(), &listed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(listed.enterprises_size(), 1);
  EXPECT_EQ(listed.enterprises(0).name(), "只读库里的企业有限公司");

  // The reads' connection, as the database sees it.
  EXPECT_EQ(replica.QueryValue("SELECT count(*) > 0 FROM pg_stat_activity "
                               "WHERE application_name = 'zs-lead-reads' "
                               "AND datname = current_database()"),
            "t");
  EXPECT_EQ(primary.QueryValue("SELECT count(*) FROM pg_stat_activity "
                               "WHERE application_name = 'zs-lead-reads'"
                               " AND datname = current_database()"),
            "0");
}

}  // namespace
}  // namespace zs::testing

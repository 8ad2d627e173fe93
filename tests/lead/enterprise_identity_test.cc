// One enterprise is one enterprise (#17.1): the name key through the lead
// service's RPCs — creates, renames, the similar-name confirmation, the
// finders, the lookup by name, and re-keying records an older normaliser
// keyed.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/lead/enterprise_keys.h"
#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

std::string Metadata(const grpc::Status& status, const std::string& key) {
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return "";
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info) && info.metadata().contains(key)) return info.metadata().at(key);
  }
  return "";
}

class EnterpriseIdentityTest : public ::testing::Test {
 protected:
  grpc::Status Create(const std::string& name, lv1::Enterprise* out, bool allow_similar = false,
                      const std::string& credit_code = "") {
    auto request = EnterpriseRequest(absl::StrCat("e-", ++created_), name);
    request.set_allow_similar(allow_similar);
    request.mutable_enterprise()->set_credit_code(credit_code);
    return server_.stub().CreateEnterprise(StaffContext().get(), request, out);
  }
  int64_t MustCreate(const std::string& name, bool allow_similar = false) {
    lv1::Enterprise created;
    const grpc::Status status = Create(name, &created, allow_similar);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return created.id();
  }
  std::string Count() { return server_.database().QueryValue("SELECT count(*) FROM enterprises"); }

  LeadServer server_;
  int created_ = 0;
};

TEST_F(EnterpriseIdentityTest, InvisibleCharactersBracketsAndRegionsDoNotMakeANewEnterprise) {
  const int64_t id = MustCreate("示例恒通电子（深圳）有限公司");
  for (const char* same :
       {"示例恒通电子\u00a0（深圳）有限公司", "示例恒\u200b通电子（深圳）有限公司",
        "示例恒通\ufeff电子（深圳）有限公司", "示例恒通电子〔深圳〕有限公司",
        "示例恒通电子﹙深圳﹚有限公司", "深圳市示例恒通电子有限公司", "示例恒通电子有限公司"}) {
    lv1::Enterprise created;
    const grpc::Status status = Create(same, &created, /*allow_similar=*/true);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << same;
    EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_NAME_EXISTS") << same;
    EXPECT_EQ(Metadata(status, "enterprise_id"), absl::StrCat(id)) << same;
  }
  EXPECT_EQ(Count(), "1");
}

TEST_F(EnterpriseIdentityTest, ANameWithoutItsRegionIsTheRegionalOne) {
  const int64_t id = MustCreate("上海示例商贸有限公司");
  lv1::Enterprise created;
  const grpc::Status status = Create("示例商贸有限公司", &created, /*allow_similar=*/true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Metadata(status, "enterprise_id"), absl::StrCat(id));
  // And the other way round.
  const int64_t bare = MustCreate("示例物流有限公司");
  const grpc::Status reverse = Create("上海市示例物流有限公司", &created, true);
  EXPECT_EQ(reverse.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Metadata(reverse, "enterprise_id"), absl::StrCat(bare));
}

TEST_F(EnterpriseIdentityTest, ALikelySameEnterpriseIsCreatedOnlyWhenTheCallerConfirms) {
  const int64_t shanghai = MustCreate("上海示例商贸有限公司");
  const int64_t similar = MustCreate("示例商贸科技有限公司", /*allow_similar=*/true);
  lv1::Enterprise created;
  // The same trade name registered in another city: likely the same, ask.
  const grpc::Status status = Create("苏州示例商贸有限公司", &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "SIMILAR_ENTERPRISES_EXIST");
  EXPECT_EQ(Metadata(status, "candidate_ids"), absl::StrCat(shanghai, ",", similar));
  EXPECT_NE(status.error_message().find("allow_similar"), std::string::npos);
  EXPECT_EQ(Count(), "2");
  // Confirmed: it is another enterprise.
  ASSERT_TRUE(Create("苏州示例商贸有限公司", &created, /*allow_similar=*/true).ok());
  EXPECT_EQ(Count(), "3");
  // A name nothing like the others needs no confirmation.
  EXPECT_TRUE(Create("益生科技有限公司", &created).ok());
}

TEST_F(EnterpriseIdentityTest, ARenameCannotTakeAnotherEnterprisesKey) {
  MustCreate("示例恒通电子（深圳）有限公司");
  const int64_t other = MustCreate("益生科技");
  lv1::Enterprise current;
  lv1::GetEnterpriseRequest get;
  get.set_id(other);
  ASSERT_TRUE(server_.stub().GetEnterprise(StaffContext().get(), get, &current).ok());
  lv1::UpdateEnterpriseRequest update;
  update.set_request_id("rename");
  update.mutable_enterprise()->set_id(other);
  update.mutable_enterprise()->set_etag(current.etag());
  update.mutable_enterprise()->set_name("深圳市示例恒通电子有限公司\u200b");
  update.mutable_update_mask()->add_paths("name");
  lv1::Enterprise updated;
  const grpc::Status status =
      server_.stub().UpdateEnterprise(StaffContext().get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  // Changing something else keeps working, and names are stored trimmed.
  update.set_request_id("rename-2");
  update.mutable_enterprise()->set_name("\u3000益生科技有限公司\u3000");
  ASSERT_TRUE(server_.stub().UpdateEnterprise(StaffContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.name(), "益生科技有限公司");
}

TEST_F(EnterpriseIdentityTest, TheFinderScoresChineseNamesByCharacterPairs) {
  const int64_t a = MustCreate("上海示例商贸有限公司");
  const int64_t b = MustCreate("苏州示例商贸有限公司", true);
  const int64_t c = MustCreate("示例商贸科技有限公司", true);
  MustCreate("益生科技有限公司");
  lv1::FindDuplicateEnterprisesResponse found;
  ASSERT_TRUE(server_.stub()
                  .FindDuplicateEnterprises(StaffContext().get(),
                                            lv1::FindDuplicateEnterprisesRequest(), &found)
                  .ok());
  ASSERT_EQ(found.pairs_size(), 3);
  // Same core, different registrations: similar, not the same key.
  EXPECT_EQ(found.pairs(0).first().id(), a);
  EXPECT_EQ(found.pairs(0).second().id(), b);
  EXPECT_EQ(found.pairs(0).reason(), "SIMILAR_NAME");
  EXPECT_DOUBLE_EQ(found.pairs(0).similarity(), 1.0);
  // 示例商贸 and 示例商贸科技 share three of five character pairs.
  for (int i : {1, 2}) {
    EXPECT_EQ(found.pairs(i).reason(), "SIMILAR_NAME");
    EXPECT_DOUBLE_EQ(found.pairs(i).similarity(), 0.6);
    EXPECT_EQ(found.pairs(i).second().id(), c);
  }
}

TEST_F(EnterpriseIdentityTest, ListingByNameFindsTheEnterpriseHoweverItIsWritten) {
  const int64_t id = MustCreate("示例恒通电子（深圳）有限公司");
  lv1::ListEnterprisesRequest list;
  lv1::ListEnterprisesResponse response;
  list.set_name_contains("示例恒通\u200b电子");
  ASSERT_TRUE(server_.stub().ListEnterprises(StaffContext().get(), list, &response).ok());
  ASSERT_EQ(response.enterprises_size(), 1);
  EXPECT_EQ(response.enterprises(0).id(), id);
}

TEST_F(EnterpriseIdentityTest, StartingReKeysRecordsAnOlderNormaliserKeyed) {
  // Three records keyed by the old hand-written fold (version 0): two of
  // them are one enterprise under the new key.
  server_.database().QueryValue(
      "INSERT INTO enterprises (name, normalised_name, name_key_version, type, industry) VALUES "
      "('示例恒通电子（深圳）有限公司', '示例恒通电子深圳', 0, 1, 2),"
      "('深圳市示例恒通电子有限公司', '深圳市示例恒通电子', 0, 1, 2),"
      "('益生科技有限公司', '益生科技', 0, 1, 2)");
  pqxx::connection connection(server_.database().service_conninfo());
  ASSERT_TRUE(lead::RekeyEnterprises(connection).ok());
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT string_agg(normalised_name || ':' || coalesce(double_of_id::text, '-') || "
                "':' || name_key_version, ' ' ORDER BY id) FROM enterprises"),
            "示例恒通电子@深圳:-:2 示例恒通电子@深圳:1:2 益生科技:-:2");
  // Running again changes nothing; the pair is offered for merging.
  ASSERT_TRUE(lead::RekeyEnterprises(connection).ok());
  lv1::FindDuplicateEnterprisesResponse found;
  ASSERT_TRUE(server_.stub()
                  .FindDuplicateEnterprises(StaffContext().get(),
                                            lv1::FindDuplicateEnterprisesRequest(), &found)
                  .ok());
  ASSERT_EQ(found.pairs_size(), 1);
  EXPECT_EQ(found.pairs(0).reason(), "SAME_NORMALISED_NAME");
  // A new record with that key is refused, naming the older one.
  lv1::Enterprise created;
  const grpc::Status status = Create("示例恒通电子（深圳）有限公司", &created, true);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Metadata(status, "enterprise_id"), "1");
}

}  // namespace
}  // namespace zs::testing

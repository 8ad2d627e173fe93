// Required text means text (#17.3), through the lead service's RPCs: blanks
// of any Unicode kind are refused by name and change nothing.
#include <gtest/gtest.h>

#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

class RequiredTextTest : public ::testing::Test {
 protected:
  LeadServer server_;
};

TEST_F(RequiredTextTest, EnterpriseNamesOfInvisibleOrFullWidthSpacesAreRefused) {
  int n = 0;
  for (const char* blank : {"\u3000\u3000", "\u00a0\u200b", "\ufeff", "\u2060 \u00ad"}) {
    lv1::Enterprise created;
    const grpc::Status status = server_.stub().CreateEnterprise(
        StaffContext().get(), EnterpriseRequest("blank-" + std::to_string(++n), blank), &created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << blank;
    EXPECT_EQ(ViolatedField(status), "enterprise.name") << blank;
  }
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM enterprises"), "0");
}

TEST_F(RequiredTextTest, ABlankAssessmentNeitherRecordsNorMeetsTheTimeLimit) {
  lv1::Enterprise enterprise;
  ASSERT_TRUE(
      server_.stub()
          .CreateEnterprise(StaffContext().get(), EnterpriseRequest("e", "益生科技"), &enterprise)
          .ok());
  lv1::Lead lead;
  ASSERT_TRUE(server_.stub()
                  .CreateLead(StaffContext().get(), LeadRequest("l", enterprise.id()), &lead)
                  .ok());
  lv1::AddFollowUpRequest add;
  add.set_request_id("f");
  add.mutable_follow_up()->set_lead_id(lead.id());
  add.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_ASSESSMENT);
  add.mutable_follow_up()->set_content("\u3000 \u200b");
  lv1::FollowUp follow_up;
  const grpc::Status status = server_.stub().AddFollowUp(StaffContext().get(), add, &follow_up);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "follow_up.content");
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM follow_ups"), "0");
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM leads WHERE assessed_at IS NULL"),
            "1");
}

TEST_F(RequiredTextTest, ADropReasonOfPunctuationAloneIsRefused) {
  lv1::Enterprise enterprise;
  ASSERT_TRUE(
      server_.stub()
          .CreateEnterprise(StaffContext().get(), EnterpriseRequest("e", "九州通医药"), &enterprise)
          .ok());
  lv1::Lead lead;
  ASSERT_TRUE(server_.stub()
                  .CreateLead(StaffContext().get(), LeadRequest("l", enterprise.id()), &lead)
                  .ok());
  lv1::DropLeadRequest drop;
  drop.set_request_id("d");
  drop.set_lead_id(lead.id());
  drop.set_reason("\u3000。。。");
  lv1::Lead dropped;
  const grpc::Status status = server_.stub().DropLead(StaffContext().get(), drop, &dropped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "reason");
}

}  // namespace
}  // namespace zs::testing

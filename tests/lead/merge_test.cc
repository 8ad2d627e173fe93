// Merges keep everything (#17.2): one test per child kind and per carried
// field, through the lead service's RPCs.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

class MergeTest : public ::testing::Test {
 protected:
  lv1::Enterprise CreateEnterprise(const std::string& name, const std::string& credit_code = "",
                                   const std::string& contact = "", const std::string& phone = "",
                                   const std::string& region = "") {
    auto request = EnterpriseRequest(absl::StrCat("e-", ++n_), name);
    request.set_allow_similar(true);
    request.mutable_enterprise()->set_credit_code(credit_code);
    request.mutable_enterprise()->set_contact_name(contact);
    request.mutable_enterprise()->set_contact_phone(phone);
    request.mutable_enterprise()->set_region(region);
    lv1::Enterprise created;
    const grpc::Status status =
        server_.stub().CreateEnterprise(StaffContext().get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }
  lv1::Lead CreateLead(int64_t enterprise_id, int64_t referrer_id = 0, int64_t activity_id = 0,
                       const std::string& owner = "") {
    auto request = LeadRequest(absl::StrCat("l-", ++n_), enterprise_id);
    if (referrer_id != 0) {
      request.mutable_lead()->set_channel(cv1::CHANNEL_BUSINESS_BRINGS_BUSINESS);
      request.mutable_lead()->set_referrer_id(referrer_id);
    }
    request.mutable_lead()->set_activity_id(activity_id);
    request.mutable_lead()->set_follow_up_owner(owner);
    lv1::Lead lead;
    const grpc::Status status = server_.stub().CreateLead(StaffContext().get(), request, &lead);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return lead;
  }
  lv1::Lead TwoLeads(lv1::Lead* duplicate, int64_t referrer = 0, int64_t activity = 0,
                     const std::string& owner = "") {
    const lv1::Lead survivor = CreateLead(CreateEnterprise(absl::StrCat("清华紫荆科技", n_)).id());
    *duplicate = CreateLead(CreateEnterprise(absl::StrCat("清华紫荆科技园", n_)).id(), referrer,
                            activity, owner);
    return survivor;
  }
  void FollowUp(int64_t lead_id, lv1::FollowUp::Kind kind) {
    lv1::AddFollowUpRequest request;
    request.set_request_id(absl::StrCat("f-", ++n_));
    request.mutable_follow_up()->set_lead_id(lead_id);
    request.mutable_follow_up()->set_kind(kind);
    request.mutable_follow_up()->set_content("上门拜访，评估产业匹配");
    lv1::FollowUp recorded;
    ASSERT_TRUE(server_.stub().AddFollowUp(StaffContext().get(), request, &recorded).ok());
  }
  lv1::Merge MergeLeads(int64_t survivor, int64_t duplicate) {
    lv1::MergeLeadsRequest merge;
    merge.set_request_id(absl::StrCat("ml-", ++n_));
    merge.set_survivor_id(survivor);
    merge.set_duplicate_id(duplicate);
    lv1::Merge record;
    const grpc::Status status = server_.stub().MergeLeads(StaffContext().get(), merge, &record);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return record;
  }
  lv1::Merge MergeEnterprises(int64_t survivor, int64_t duplicate) {
    lv1::MergeEnterprisesRequest merge;
    merge.set_request_id(absl::StrCat("me-", ++n_));
    merge.set_survivor_id(survivor);
    merge.set_duplicate_id(duplicate);
    lv1::Merge record;
    const grpc::Status status =
        server_.stub().MergeEnterprises(StaffContext().get(), merge, &record);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return record;
  }
  lv1::Lead GetLead(int64_t id) {
    lv1::GetLeadRequest get;
    get.set_id(id);
    lv1::Lead lead;
    EXPECT_TRUE(server_.stub().GetLead(StaffContext().get(), get, &lead).ok());
    return lead;
  }
  lv1::Enterprise GetEnterprise(int64_t id) {
    lv1::GetEnterpriseRequest get;
    get.set_id(id);
    lv1::Enterprise enterprise;
    EXPECT_TRUE(server_.stub().GetEnterprise(StaffContext().get(), get, &enterprise).ok());
    return enterprise;
  }
  int64_t CreateReferrer(const std::string& name) {
    lv1::CreateReferrerRequest request;
    request.set_request_id(absl::StrCat("r-", ++n_));
    request.mutable_referrer()->set_kind(lv1::Referrer::KIND_AMBASSADOR);
    request.mutable_referrer()->set_name(name);
    lv1::Referrer referrer;
    EXPECT_TRUE(server_.stub().CreateReferrer(StaffContext().get(), request, &referrer).ok());
    return referrer.id();
  }
  int64_t ReferredCount(int64_t referrer_id) {
    lv1::GetReferrerRequest get;
    get.set_id(referrer_id);
    lv1::Referrer referrer;
    EXPECT_TRUE(server_.stub().GetReferrer(StaffContext().get(), get, &referrer).ok());
    return referrer.referred_lead_count();
  }
  int64_t CreateActivity(int64_t enterprise_id = 0) {
    lv1::CreateActivityRequest request;
    request.set_request_id(absl::StrCat("a-", ++n_));
    auto* a = request.mutable_activity();
    a->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
    a->set_title("赴深圳招商");
    a->set_unit_code("dept-investment");
    a->set_start_date("2026-03-01");
    a->set_end_date("2026-03-02");
    if (enterprise_id != 0) a->add_enterprise_ids(enterprise_id);
    lv1::Activity activity;
    EXPECT_TRUE(server_.stub().CreateActivity(StaffContext().get(), request, &activity).ok());
    return activity.id();
  }
  const lv1::LeadDeadline* Deadline(const lv1::Lead& lead, lv1::LeadDeadline::Kind kind) {
    for (const auto& deadline : lead.deadlines()) {
      if (deadline.kind() == kind) return &deadline;
    }
    return nullptr;
  }
  std::string Query(const std::string& sql) { return server_.database().QueryValue(sql); }

  LeadServer server_;
  int n_ = 0;
};

// ---------------------------------------------------------------- leads

TEST_F(MergeTest, MergedLeadsFollowUpsMoveAndTheSurvivorIsFollowed) {
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate);
  FollowUp(duplicate.id(), lv1::FollowUp::KIND_CONTACT);
  MergeLeads(survivor.id(), duplicate.id());
  EXPECT_EQ(Query(absl::StrCat("SELECT count(*) FROM follow_ups WHERE lead_id = ", survivor.id())),
            "1");
  EXPECT_EQ(GetLead(survivor.id()).status(), lv1::LEAD_STATUS_FOLLOWING);
}

TEST_F(MergeTest, MergedLeadsMetDeadlinesStayMetAtTheEarliestTime) {
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate);
  FollowUp(duplicate.id(), lv1::FollowUp::KIND_ASSESSMENT);
  const lv1::Lead before = GetLead(duplicate.id());
  const lv1::LeadDeadline* assessed = Deadline(before, lv1::LeadDeadline::KIND_ASSESS);
  ASSERT_NE(assessed, nullptr);
  ASSERT_TRUE(assessed->has_met_time());
  // The survivor assesses later; the duplicate's earlier meeting counts.
  FollowUp(survivor.id(), lv1::FollowUp::KIND_ASSESSMENT);
  const lv1::Merge record = MergeLeads(survivor.id(), duplicate.id());
  const lv1::Lead after = GetLead(survivor.id());
  const lv1::LeadDeadline* merged = Deadline(after, lv1::LeadDeadline::KIND_ASSESS);
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->met_time().seconds(), assessed->met_time().seconds());
  EXPECT_EQ(merged->met_time().nanos(), assessed->met_time().nanos());
  EXPECT_FALSE(merged->overdue());
  EXPECT_NE(record.moved_summary().find("deadlines_met=1"), std::string::npos)
      << record.moved_summary();
}

TEST_F(MergeTest, MergedLeadsUnmetDeadlineOfTheSurvivorBecomesMet) {
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate);
  FollowUp(duplicate.id(), lv1::FollowUp::KIND_ASSESSMENT);
  ASSERT_FALSE(Deadline(GetLead(survivor.id()), lv1::LeadDeadline::KIND_ASSESS)->has_met_time());
  MergeLeads(survivor.id(), duplicate.id());
  EXPECT_TRUE(Deadline(GetLead(survivor.id()), lv1::LeadDeadline::KIND_ASSESS)->has_met_time());
}

TEST_F(MergeTest, MergedLeadsReferralCreditStaysWithTheAmbassador) {
  const int64_t ambassador = CreateReferrer("曙光健士董事长");
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate, ambassador);
  ASSERT_EQ(ReferredCount(ambassador), 1);
  MergeLeads(survivor.id(), duplicate.id());
  EXPECT_EQ(ReferredCount(ambassador), 1);
  EXPECT_EQ(GetLead(survivor.id()).referrer_id(), ambassador);
}

TEST_F(MergeTest, MergedLeadsReferralCreditStaysWhenTheSurvivorHasItsOwnReferrer) {
  const int64_t first = CreateReferrer("甲大使");
  const int64_t second = CreateReferrer("乙大使");
  const lv1::Lead survivor = CreateLead(CreateEnterprise("紫荆科技").id(), first);
  const lv1::Lead duplicate = CreateLead(CreateEnterprise("紫荆科技园").id(), second);
  MergeLeads(survivor.id(), duplicate.id());
  EXPECT_EQ(ReferredCount(first), 1);
  EXPECT_EQ(ReferredCount(second), 1);
  EXPECT_EQ(GetLead(survivor.id()).referrer_id(), first);
}

TEST_F(MergeTest, MergedLeadsActivityGoesToASurvivorWithoutOne) {
  const int64_t activity = CreateActivity();
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate, 0, activity);
  MergeLeads(survivor.id(), duplicate.id());
  EXPECT_EQ(GetLead(survivor.id()).activity_id(), activity);
}

TEST_F(MergeTest, MergedLeadsFollowUpOwnerGoesToASurvivorWithoutOne) {
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate, 0, 0, "王科长");
  const lv1::Merge record = MergeLeads(survivor.id(), duplicate.id());
  EXPECT_EQ(GetLead(survivor.id()).follow_up_owner(), "王科长");
  EXPECT_NE(record.moved_summary().find("follow_up_owner"), std::string::npos);
}

TEST_F(MergeTest, MergedLeadsStatusHistoryIsCarriedToTheSurvivor) {
  lv1::Lead duplicate;
  const lv1::Lead survivor = TwoLeads(&duplicate);
  FollowUp(duplicate.id(), lv1::FollowUp::KIND_CONTACT);  // NEW -> FOLLOWING
  MergeLeads(survivor.id(), duplicate.id());
  lv1::ListLeadStatusHistoryRequest request;
  request.set_lead_id(survivor.id());
  lv1::ListLeadStatusHistoryResponse history;
  ASSERT_TRUE(server_.stub().ListLeadStatusHistory(StaffContext().get(), request, &history).ok());
  int from_duplicate = 0;
  for (const auto& change : history.changes()) {
    if (change.reason().starts_with(absl::StrCat("lead ", duplicate.id()))) ++from_duplicate;
  }
  EXPECT_EQ(from_duplicate, 2);  // created, followed
  // The duplicate keeps its own, ending in the merge.
  request.set_lead_id(duplicate.id());
  ASSERT_TRUE(server_.stub().ListLeadStatusHistory(StaffContext().get(), request, &history).ok());
  EXPECT_EQ(history.changes(history.changes_size() - 1).to_status(), lv1::LEAD_STATUS_MERGED);
}

// ----------------------------------------------------------- enterprises

TEST_F(MergeTest, MergedEnterprisesCreditCodeGoesToTheSurvivorAndStaysReserved) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技", "91350100M000100Y43");
  const lv1::Merge record = MergeEnterprises(survivor.id(), duplicate.id());
  EXPECT_EQ(GetEnterprise(survivor.id()).credit_code(), "91350100M000100Y43");
  EXPECT_NE(record.moved_summary().find("credit_code"), std::string::npos);
  // A new enterprise with the code is refused, naming the survivor.
  lv1::CreateEnterpriseRequest again = EnterpriseRequest("again", "完全不同的企业");
  again.mutable_enterprise()->set_credit_code("91350100M000100Y43");
  lv1::Enterprise created;
  const grpc::Status status =
      server_.stub().CreateEnterprise(StaffContext().get(), again, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_CREDIT_CODE_EXISTS");
  EXPECT_NE(status.error_message().find(absl::StrCat("enterprise ", survivor.id(), " ")),
            std::string::npos)
      << status.error_message();
}

TEST_F(MergeTest, MergedEnterprisesOwnCreditCodeStaysReservedBesideTheSurvivors) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子", "91110000600037341L");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技", "91350100M000100Y43");
  MergeEnterprises(survivor.id(), duplicate.id());
  EXPECT_EQ(GetEnterprise(survivor.id()).credit_code(), "91110000600037341L");
  lv1::CreateEnterpriseRequest again = EnterpriseRequest("again", "完全不同的企业");
  again.mutable_enterprise()->set_credit_code("91350100M000100Y43");
  lv1::Enterprise created;
  const grpc::Status status =
      server_.stub().CreateEnterprise(StaffContext().get(), again, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_CREDIT_CODE_EXISTS");
  EXPECT_NE(status.error_message().find(absl::StrCat("merged into enterprise ", survivor.id())),
            std::string::npos)
      << status.error_message();
}

TEST_F(MergeTest, MergedEnterprisesNameStaysReserved) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技");
  MergeEnterprises(survivor.id(), duplicate.id());
  lv1::Enterprise created;
  auto request = EnterpriseRequest("again", "深圳市示例恒通电子科技有限公司");
  request.set_allow_similar(true);
  const grpc::Status status =
      server_.stub().CreateEnterprise(StaffContext().get(), request, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_NAME_EXISTS");
}

TEST_F(MergeTest, MergedEnterprisesContactGoesToASurvivorWithoutOne) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate =
      CreateEnterprise("示例恒通电子科技", "", "李经理", "13800000000");
  MergeEnterprises(survivor.id(), duplicate.id());
  const lv1::Enterprise after = GetEnterprise(survivor.id());
  EXPECT_EQ(after.contact_name(), "李经理");
  EXPECT_EQ(after.contact_phone(), "13800000000");
}

TEST_F(MergeTest, MergedEnterprisesSurvivorKeepsItsOwnContactWhole) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子", "", "张总", "");
  const lv1::Enterprise duplicate =
      CreateEnterprise("示例恒通电子科技", "", "李经理", "13800000000");
  MergeEnterprises(survivor.id(), duplicate.id());
  const lv1::Enterprise after = GetEnterprise(survivor.id());
  EXPECT_EQ(after.contact_name(), "张总");
  EXPECT_EQ(after.contact_phone(), "");
}

TEST_F(MergeTest, MergedEnterprisesRegionGoesToASurvivorWithoutOne) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技", "", "", "", "深圳市");
  MergeEnterprises(survivor.id(), duplicate.id());
  EXPECT_EQ(GetEnterprise(survivor.id()).region(), "深圳市");
}

TEST_F(MergeTest, MergedEnterprisesLeadsMove) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技");
  const lv1::Lead lead = CreateLead(duplicate.id());
  MergeEnterprises(survivor.id(), duplicate.id());
  EXPECT_EQ(GetLead(lead.id()).enterprise_id(), survivor.id());
}

TEST_F(MergeTest, MergedEnterprisesActivityContactsMove) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技");
  const int64_t activity = CreateActivity(duplicate.id());
  MergeEnterprises(survivor.id(), duplicate.id());
  EXPECT_EQ(Query(absl::StrCat("SELECT string_agg(enterprise_id::text, ',') FROM "
                               "activity_enterprises WHERE activity_id = ",
                               activity)),
            absl::StrCat(survivor.id()));
}

TEST_F(MergeTest, MergedEnterprisesAmbassadorsMove) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  const lv1::Enterprise duplicate = CreateEnterprise("示例恒通电子科技");
  lv1::CreateReferrerRequest request;
  request.set_request_id("amb");
  request.mutable_referrer()->set_kind(lv1::Referrer::KIND_AMBASSADOR);
  request.mutable_referrer()->set_name("示例董事长");
  request.mutable_referrer()->set_enterprise_id(duplicate.id());
  lv1::Referrer referrer;
  ASSERT_TRUE(server_.stub().CreateReferrer(StaffContext().get(), request, &referrer).ok());
  MergeEnterprises(survivor.id(), duplicate.id());
  lv1::GetReferrerRequest get;
  get.set_id(referrer.id());
  ASSERT_TRUE(server_.stub().GetReferrer(StaffContext().get(), get, &referrer).ok());
  EXPECT_EQ(referrer.enterprise_id(), survivor.id());
}

TEST_F(MergeTest, MergingARecordIntoItsDoubleLeavesOneRecordHoldingTheKey) {
  const lv1::Enterprise survivor = CreateEnterprise("示例恒通电子");
  // A double made by re-keying (see enterprise_identity_test).
  const std::string id = Query(
      "INSERT INTO enterprises (name, normalised_name, name_key_version, type, industry) "
      "VALUES ('示例恒通电子有限公司', '#legacy', 0, 1, 2) RETURNING id");
  Query(absl::StrCat("UPDATE enterprises SET normalised_name = '示例恒通电子', double_of_id = ",
                     survivor.id(), " WHERE id = ", id));
  MergeEnterprises(std::stoll(id), survivor.id());
  EXPECT_EQ(Query(absl::StrCat("SELECT double_of_id IS NULL AND merged_into_id IS NULL FROM "
                               "enterprises WHERE id = ",
                               id)),
            "t");
}

}  // namespace
}  // namespace zs::testing

// Business dates in order (#17.4), through the services' RPCs: nothing is
// dated in China's future, nor before the record it belongs to.
#include <gtest/gtest.h>

#include "common/clock.h"
#include "common/validation.h"
#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

std::string DaysFromToday(int days) { return FormatDate(TodayInChina() + days); }

class BusinessDatesTest : public ::testing::Test {
 protected:
  ProjectServer server_;
  ProjectDriver driver_{server_};
};

TEST_F(BusinessDatesTest, ALeadCollectedNextMonthIsRefused) {
  auto request = LeadRequest("future-lead", driver_.enterprise());
  request.mutable_lead()->set_collected_date(DaysFromToday(31));
  lv1::Lead lead;
  const grpc::Status status =
      server_.lead().stub().CreateLead(StaffContext().get(), request, &lead);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "lead.collected_date");
}

TEST_F(BusinessDatesTest, AFollowUpBeforeItsLeadOrInTheFutureIsRefused) {
  auto request = LeadRequest("lead", driver_.enterprise());
  request.mutable_lead()->set_collected_date(DaysFromToday(-10));
  lv1::Lead lead;
  ASSERT_TRUE(server_.lead().stub().CreateLead(StaffContext().get(), request, &lead).ok());
  for (const std::string& date : {DaysFromToday(-11), DaysFromToday(1)}) {
    lv1::AddFollowUpRequest add;
    add.set_request_id("f-" + date);
    add.mutable_follow_up()->set_lead_id(lead.id());
    add.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_CONTACT);
    add.mutable_follow_up()->set_content("电话沟通");
    add.mutable_follow_up()->set_follow_up_date(date);
    lv1::FollowUp follow_up;
    const grpc::Status status =
        server_.lead().stub().AddFollowUp(StaffContext().get(), add, &follow_up);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedField(status), "follow_up.follow_up_date") << date;
  }
  EXPECT_EQ(server_.lead().database().QueryValue("SELECT count(*) FROM follow_ups"), "0");
}

TEST_F(BusinessDatesTest, FundsBeforeSigningOrNextMonthAreRefused) {
  const pv1::Project project = driver_.Signed(20000, DaysFromToday(-30));
  for (const std::string& date : {DaysFromToday(-395), DaysFromToday(31)}) {
    pv1::RecordFundsRequest request;
    request.set_request_id("funds-" + date);
    request.mutable_funds()->set_project_id(project.id());
    request.mutable_funds()->set_amount_wan_yuan(1000);
    request.mutable_funds()->set_arrival_date(date);
    pv1::FundsRecord funds;
    const grpc::Status status = server_.stub().RecordFunds(StaffContext().get(), request, &funds);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedField(status), "funds.arrival_date") << date;
  }
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM funds"), "0");
}

TEST_F(BusinessDatesTest, ALedgerEntryNextMonthIsRefused) {
  const pv1::Project project = driver_.Create();
  for (const std::string& date : {DaysFromToday(31), DaysFromToday(1)}) {
    pv1::AddLedgerEntryRequest request;
    request.set_request_id("entry-" + date);
    request.mutable_entry()->set_project_id(project.id());
    request.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_PROGRESS);
    request.mutable_entry()->set_content("项目推进会");
    request.mutable_entry()->set_entry_date(date);
    pv1::LedgerEntry entry;
    const grpc::Status status =
        server_.stub().AddLedgerEntry(StaffContext().get(), request, &entry);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedField(status), "entry.entry_date") << date;
  }
}

}  // namespace
}  // namespace zs::testing

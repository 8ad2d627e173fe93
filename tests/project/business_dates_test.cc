// Business dates in order (#17.4), through the services' RPCs: nothing is
// dated in China's future, nor before the record it belongs to.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

// The stage history as recorded: (to_stage, effective_date) in order.
std::vector<std::pair<pv1::Stage, std::string>> History(ProjectServer& server, int64_t id) {
  pv1::ListStageTransitionsRequest request;
  request.set_project_id(id);
  pv1::ListStageTransitionsResponse response;
  EXPECT_TRUE(server.stub().ListStageTransitions(StaffContext().get(), request, &response).ok());
  std::vector<std::pair<pv1::Stage, std::string>> out;
  for (const auto& t : response.transitions()) out.emplace_back(t.to_stage(), t.effective_date());
  return out;
}

TEST_F(BusinessDatesTest, ANegotiationKeyedInLateKeepsTheDayItBegan) {
  auto create = LeadRequest("negotiated-lead", driver_.enterprise());
  create.mutable_lead()->set_collected_date(DaysFromToday(-20));
  lv1::Lead lead;
  ASSERT_TRUE(server_.lead().stub().CreateLead(StaffContext().get(), create, &lead).ok());
  pv1::ConvertLeadToProjectRequest convert;
  convert.set_lead_id(lead.id());
  convert.mutable_project()->set_unit_code("park-medical");
  pv1::Project project;
  // Before the lead was collected, or tomorrow: refused, nothing created.
  for (const std::string& date :
       {DaysFromToday(-21), DaysFromToday(1), std::string("2026-02-30")}) {
    convert.set_request_id("convert-" + date);
    convert.set_negotiation_date(date);
    const grpc::Status status =
        server_.stub().ConvertLeadToProject(StaffContext().get(), convert, &project);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedField(status), "negotiation_date") << date;
  }
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM projects"), "0");
  convert.set_request_id("convert-ok");
  convert.set_negotiation_date(DaysFromToday(-5));
  ASSERT_TRUE(server_.stub().ConvertLeadToProject(StaffContext().get(), convert, &project).ok());
  // Signed the day after: the history runs forwards.
  ASSERT_TRUE(driver_.AddMeasure(project.id()).ok());
  ASSERT_TRUE(driver_.Sign(project.id(), 20000, DaysFromToday(-4)).ok());
  const auto history = History(server_, project.id());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], std::make_pair(pv1::STAGE_NEGOTIATING, DaysFromToday(-5)));
  EXPECT_EQ(history[1], std::make_pair(pv1::STAGE_SIGNED, DaysFromToday(-4)));
}

TEST_F(BusinessDatesTest, ACreatedProjectAndItsNegotiationCarryTheirOwnDays) {
  pv1::CreateProjectRequest create;
  create.set_request_id("promoted");
  pv1::Project* p = create.mutable_project();
  p->set_name("推介中的项目");
  p->set_enterprise_id(driver_.enterprise());
  p->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
  p->set_chain_action(cv1::CHAIN_ACTION_STRENGTHEN);
  p->set_park_code("park-medical");
  p->set_total_investment_wan_yuan(8000);
  p->set_unit_code("park-medical");
  p->set_stage(pv1::STAGE_PROMOTED);
  create.set_effective_date(DaysFromToday(1));
  pv1::Project project;
  grpc::Status status = server_.stub().CreateProject(StaffContext().get(), create, &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "effective_date");
  create.set_effective_date(DaysFromToday(-30));
  ASSERT_TRUE(server_.stub().CreateProject(StaffContext().get(), create, &project).ok());

  pv1::StartNegotiationRequest negotiate;
  negotiate.set_request_id("negotiate");
  negotiate.set_project_id(project.id());
  negotiate.set_etag(project.etag());
  negotiate.set_negotiation_date(DaysFromToday(2));
  status = server_.stub().StartNegotiation(StaffContext().get(), negotiate, &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "negotiation_date");
  negotiate.set_negotiation_date(DaysFromToday(-12));
  ASSERT_TRUE(server_.stub().StartNegotiation(StaffContext().get(), negotiate, &project).ok());
  const auto history = History(server_, project.id());
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0], std::make_pair(pv1::STAGE_PROMOTED, DaysFromToday(-30)));
  EXPECT_EQ(history[1], std::make_pair(pv1::STAGE_NEGOTIATING, DaysFromToday(-12)));
}

TEST_F(BusinessDatesTest, ALeadDroppedLateCarriesTheDayItWasGivenUp) {
  auto create = LeadRequest("dropped-lead", driver_.enterprise());
  create.mutable_lead()->set_collected_date(DaysFromToday(-40));
  lv1::Lead lead;
  ASSERT_TRUE(server_.lead().stub().CreateLead(StaffContext().get(), create, &lead).ok());
  lv1::DropLeadRequest drop;
  drop.set_lead_id(lead.id());
  drop.set_etag(lead.etag());
  drop.set_reason("企业改变投资计划");
  for (const std::string& date : {DaysFromToday(-41), DaysFromToday(1)}) {
    drop.set_request_id("drop-" + date);
    drop.set_dropped_date(date);
    lv1::Lead dropped;
    const grpc::Status status =
        server_.lead().stub().DropLead(StaffContext().get(), drop, &dropped);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_EQ(ViolatedField(status), "dropped_date") << date;
  }
  drop.set_request_id("drop-ok");
  drop.set_dropped_date(DaysFromToday(-7));
  lv1::Lead dropped;
  ASSERT_TRUE(server_.lead().stub().DropLead(StaffContext().get(), drop, &dropped).ok());
  EXPECT_EQ(dropped.status(), lv1::LEAD_STATUS_DROPPED);
  lv1::ListLeadStatusHistoryRequest history;
  history.set_lead_id(lead.id());
  lv1::ListLeadStatusHistoryResponse changes;
  ASSERT_TRUE(
      server_.lead().stub().ListLeadStatusHistory(StaffContext().get(), history, &changes).ok());
  ASSERT_GE(changes.changes_size(), 1);
  const auto& last = changes.changes(changes.changes_size() - 1);
  EXPECT_EQ(last.to_status(), lv1::LEAD_STATUS_DROPPED);
  EXPECT_EQ(last.effective_date(), DaysFromToday(-7));
}

}  // namespace
}  // namespace zs::testing

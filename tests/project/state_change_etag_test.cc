// Every state change of a versioned record takes the etag the caller read
// (#16.11), as updates do: two people acting on one reading cannot both
// land, and a change without an etag is refused naming the field.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "tests/project/project_test_util.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

namespace sv1 = ::zhaoshang::supervision::v1;

class StateChangeEtagTest : public ::testing::Test {
 protected:
  pv1::ProjectService::Stub& projects() { return supervision_.projects().stub(); }

  SupervisionServer supervision_;
  ProjectDriver driver_{supervision_.projects()};
};

TEST_F(StateChangeEtagTest, AProjectSignedAMomentAgoIsNotDroppedBySomeoneWhoReadItBefore) {
  const pv1::Project read = driver_.Create();  // both people read it negotiating
  ASSERT_TRUE(driver_.AddMeasure(read.id()).ok());
  const std::string etag = driver_.Etag(read.id());
  pv1::SignProjectRequest sign;
  sign.set_request_id("sign");
  sign.set_project_id(read.id());
  sign.set_etag(etag);
  sign.set_signed_investment_wan_yuan(20000);
  pv1::Project signed_project;
  ASSERT_TRUE(projects().SignProject(StaffContext().get(), sign, &signed_project).ok());

  pv1::DropProjectRequest drop;
  drop.set_request_id("drop");
  drop.set_project_id(read.id());
  drop.set_etag(etag);
  drop.set_reason("企业投资计划调整");
  pv1::Project dropped;
  const grpc::Status status = projects().DropProject(StaffContext().get(), drop, &dropped);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  pv1::GetProjectRequest get;
  get.set_id(read.id());
  pv1::Project now;
  ASSERT_TRUE(projects().GetProject(StaffContext().get(), get, &now).ok());
  EXPECT_EQ(now.stage(), pv1::STAGE_SIGNED);
}

TEST_F(StateChangeEtagTest, ACapitalIncreaseRecordedByTwoPeopleFromOneReadingIsAddedOnce) {
  const pv1::Project project = driver_.Signed(20000);
  auto increase = [&](const std::string& request_id) {
    pv1::RecordCapitalIncreaseRequest request;
    request.set_request_id(request_id);
    request.set_project_id(project.id());
    request.set_etag(project.etag());
    request.set_increment_wan_yuan(5000);
    pv1::Project out;
    return projects().RecordCapitalIncrease(StaffContext().get(), request, &out);
  };
  ASSERT_TRUE(increase("office-a").ok());
  EXPECT_EQ(increase("office-b").error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(supervision_.projects().database().QueryValue(absl::StrCat(
                "SELECT total_investment_wan_yuan FROM projects WHERE id = ", project.id())),
            "25000");
}

TEST_F(StateChangeEtagTest, EveryStateChangeWithoutAnEtagIsRefusedNamingIt) {
  const pv1::Project promoted = driver_.Create(20000, "park-medical", pv1::STAGE_PROMOTED);
  const pv1::Project negotiating = driver_.Create();
  ASSERT_TRUE(driver_.AddMeasure(negotiating.id()).ok());
  const pv1::Project signed_project = driver_.Signed(30000);
  const int64_t other_enterprise = supervision_.projects().CreateEnterprise("另一家投资方企业");

  pv1::CreateEnterpriseRequestRequest raise;
  raise.set_request_id("raise");
  auto* r = raise.mutable_enterprise_request();
  r->set_project_id(signed_project.id());
  r->set_category("用地");
  r->set_content("协调土地指标");
  r->set_unit_code("dept-development");
  r->set_time_limit_working_days(5);
  pv1::EnterpriseRequest ticket;
  ASSERT_TRUE(projects().CreateEnterpriseRequest(StaffContext().get(), raise, &ticket).ok());

  sv1::CreateTaskRequest create_task;
  create_task.set_request_id("task");
  create_task.mutable_task()->set_unit_code("park-logistics");
  create_task.mutable_task()->set_title("签约督办");
  create_task.mutable_task()->set_required_result("完成签约");
  create_task.mutable_task()->set_due_date("2026-12-31");
  sv1::Task task;
  ASSERT_TRUE(supervision_.stub().CreateTask(StaffContext().get(), create_task, &task).ok());

  lv1::Lead lead;
  ASSERT_TRUE(
      supervision_.projects()
          .lead()
          .stub()
          .CreateLead(StaffContext().get(), LeadRequest("etag-lead", driver_.enterprise()), &lead)
          .ok());

  pv1::Project project_out;
  pv1::EnterpriseRequest ticket_out;
  const std::vector<std::pair<std::string, std::function<grpc::Status()>>> changes = {
      {"StartNegotiation",
       [&] {
         pv1::StartNegotiationRequest q;
         q.set_request_id("n");
         q.set_project_id(promoted.id());
         return projects().StartNegotiation(StaffContext().get(), q, &project_out);
       }},
      {"SignProject",
       [&] {
         pv1::SignProjectRequest q;
         q.set_request_id("s");
         q.set_project_id(negotiating.id());
         q.set_signed_investment_wan_yuan(1000);
         return projects().SignProject(StaffContext().get(), q, &project_out);
       }},
      {"ScheduleStart",
       [&] {
         pv1::ScheduleStartRequest q;
         q.set_request_id("ss");
         q.set_project_id(signed_project.id());
         return projects().ScheduleStart(StaffContext().get(), q, &project_out);
       }},
      {"StartProject",
       [&] {
         pv1::StartProjectRequest q;
         q.set_request_id("st");
         q.set_project_id(signed_project.id());
         return projects().StartProject(StaffContext().get(), q, &project_out);
       }},
      {"DropProject",
       [&] {
         pv1::DropProjectRequest q;
         q.set_request_id("d");
         q.set_project_id(negotiating.id());
         q.set_reason("企业投资计划调整");
         return projects().DropProject(StaffContext().get(), q, &project_out);
       }},
      {"RecordCapitalIncrease",
       [&] {
         pv1::RecordCapitalIncreaseRequest q;
         q.set_request_id("ci");
         q.set_project_id(signed_project.id());
         q.set_increment_wan_yuan(1000);
         return projects().RecordCapitalIncrease(StaffContext().get(), q, &project_out);
       }},
      {"ChangeInvestor",
       [&] {
         pv1::ChangeInvestorRequest q;
         q.set_request_id("inv");
         q.set_project_id(signed_project.id());
         q.set_new_enterprise_id(other_enterprise);
         return projects().ChangeInvestor(StaffContext().get(), q, &project_out);
       }},
      {"RecordResigning",
       [&] {
         pv1::RecordResigningRequest q;
         q.set_request_id("rs");
         q.set_project_id(signed_project.id());
         q.set_activity_id(7);
         return projects().RecordResigning(StaffContext().get(), q, &project_out);
       }},
      {"StartEnterpriseRequest",
       [&] {
         pv1::StartEnterpriseRequestRequest q;
         q.set_request_id("es");
         q.set_id(ticket.id());
         return projects().StartEnterpriseRequest(StaffContext().get(), q, &ticket_out);
       }},
      {"SettleEnterpriseRequest",
       [&] {
         pv1::SettleEnterpriseRequestRequest q;
         q.set_request_id("ess");
         q.set_id(ticket.id());
         return projects().SettleEnterpriseRequest(StaffContext().get(), q, &ticket_out);
       }},
      {"RejectEnterpriseRequest",
       [&] {
         pv1::RejectEnterpriseRequestRequest q;
         q.set_request_id("er");
         q.set_id(ticket.id());
         q.set_reason("不属于本部门职能");
         return projects().RejectEnterpriseRequest(StaffContext().get(), q, &ticket_out);
       }},
      {"CompleteTask",
       [&] {
         sv1::CompleteTaskRequest q;
         q.set_request_id("t");
         q.set_id(task.id());
         q.set_result("已签约");
         sv1::Task out;
         return supervision_.stub().CompleteTask(StaffContext().get(), q, &out);
       }},
      {"DropLead",
       [&] {
         lv1::DropLeadRequest q;
         q.set_request_id("dl");
         q.set_lead_id(lead.id());
         q.set_reason("企业改变投资计划");
         lv1::Lead out;
         return supervision_.projects().lead().stub().DropLead(StaffContext().get(), q, &out);
       }},
  };
  for (const auto& [name, change] : changes) {
    const grpc::Status status = change();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << name << ": " << status.error_message();
    EXPECT_EQ(ViolatedField(status), "etag") << name << ": " << status.error_message();
  }
  // Nothing moved.
  EXPECT_EQ(driver_.Etag(signed_project.id()), signed_project.etag());
  EXPECT_EQ(driver_.Etag(promoted.id()), promoted.etag());
}

}  // namespace
}  // namespace zs::testing

// Helpers shared by the project service tests: building projects in any
// stage through the public RPCs.
#pragma once

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "tests/lead/lead_test_util.h"
#include "tests/support/project_server.h"

namespace zs::testing {

namespace pv1 = ::zhaoshang::project::v1;

class ProjectDriver {
 public:
  explicit ProjectDriver(ProjectServer& server) : server_(server) {}

  std::string NextId() { return absl::StrCat("pd-", ++counter_); }

  pv1::Project Create(int64_t investment = 20000, const std::string& unit = "park-medical",
                      pv1::Stage stage = pv1::STAGE_NEGOTIATING) {
    pv1::CreateProjectRequest request;
    request.set_request_id(NextId());
    pv1::Project* p = request.mutable_project();
    p->set_name(absl::StrCat("测试项目", counter_));
    p->set_enterprise_id(enterprise());
    p->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
    p->set_chain_action(cv1::CHAIN_ACTION_STRENGTHEN);
    p->set_park_code("park-medical");
    p->set_total_investment_wan_yuan(investment);
    p->set_unit_code(unit);
    p->set_leader_code("leader-deputy-head-2");
    p->set_stage(stage);
    pv1::Project project;
    Expect(server_.stub().CreateProject(StaffContext().get(), request, &project), "create");
    return project;
  }

  grpc::Status AddMeasure(int64_t project_id) {
    pv1::AddLedgerEntryRequest request;
    request.set_request_id(NextId());
    request.mutable_entry()->set_project_id(project_id);
    request.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_MEASURE);
    request.mutable_entry()->set_content("专班服务，每周调度");
    pv1::LedgerEntry entry;
    return server_.stub().AddLedgerEntry(StaffContext().get(), request, &entry);
  }

  grpc::Status Sign(int64_t id, int64_t investment, const std::string& date = "",
                    int64_t activity = 0, pv1::Project* out = nullptr) {
    pv1::SignProjectRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    request.set_signed_investment_wan_yuan(investment);
    request.set_signed_date(date);
    request.set_activity_id(activity);
    pv1::Project ignored;
    return server_.stub().SignProject(StaffContext().get(), request, out ? out : &ignored);
  }
  grpc::Status StartNegotiation(int64_t id) {
    pv1::StartNegotiationRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    pv1::Project out;
    return server_.stub().StartNegotiation(StaffContext().get(), request, &out);
  }
  grpc::Status ScheduleStart(int64_t id) {
    pv1::ScheduleStartRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    pv1::Project out;
    return server_.stub().ScheduleStart(StaffContext().get(), request, &out);
  }
  grpc::Status Start(int64_t id, const std::string& date = "") {
    pv1::StartProjectRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    request.set_started_date(date);
    pv1::Project out;
    return server_.stub().StartProject(StaffContext().get(), request, &out);
  }
  grpc::Status Complete(int64_t id, const std::string& date = "") {
    pv1::CompleteProjectRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    request.set_completed_date(date);
    pv1::Project out;
    return server_.stub().CompleteProject(StaffContext().get(), request, &out);
  }
  grpc::Status Drop(int64_t id, const std::string& date = "") {
    pv1::DropProjectRequest request;
    request.set_request_id(NextId());
    request.set_project_id(id);
    request.set_etag(Etag(id));
    request.set_dropped_date(date);
    request.set_reason("企业投资计划调整");
    pv1::Project out;
    return server_.stub().DropProject(StaffContext().get(), request, &out);
  }

  // A signed project: a measure in its ledger and a signing.
  pv1::Project Signed(int64_t investment, const std::string& date = "", int64_t activity = 0,
                      const std::string& unit = "park-medical") {
    pv1::Project project = Create(investment, unit);
    Expect(AddMeasure(project.id()), "measure");
    Expect(Sign(project.id(), investment, date, activity, &project), "sign");
    return project;
  }

  // The project's etag as it is now: the driver acts as a person who has
  // just read the project (state changes require the etag).
  std::string Etag(int64_t id) {
    pv1::GetProjectRequest request;
    request.set_id(id);
    pv1::Project project;
    server_.stub().GetProject(StaffContext().get(), request, &project);
    return project.etag();
  }

  int64_t enterprise() {
    if (enterprise_ == 0) enterprise_ = server_.CreateEnterprise("项目测试企业");
    return enterprise_;
  }

 private:
  static void Expect(const grpc::Status& status, const char* what) {
    EXPECT_TRUE(status.ok()) << what << ": " << status.error_message();
  }
  ProjectServer& server_;
  int counter_ = 0;
  int64_t enterprise_ = 0;
};

}  // namespace zs::testing

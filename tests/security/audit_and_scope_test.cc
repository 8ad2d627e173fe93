// Row scoping and the audit trail, with signed tokens through real channels:
// an office works on its own leads and nobody else's; a unit on the projects
// it is responsible for; a leader reads the projects it leads; every
// committed mutation leaves audit rows (who, which RPC and request, before
// and after) and a denied or failed call leaves none.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/outbound.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/security_support.h"
#include "tests/support/project_server.h"

namespace zs::testing {
namespace {

namespace lv1 = ::zhaoshang::lead::v1;
namespace pv1 = ::zhaoshang::project::v1;
namespace cv1 = ::zhaoshang::common::v1;

class ScopeTest : public ::testing::Test {
 protected:
  ScopeTest() {
    const Principal project_service{.id = "zs-project", .kind = PrincipalKind::kServiceAccount};
    SetOutboundIdentity({.service = "zs-project", .token = authority_.Token(project_service)});
    server_ = std::make_unique<ProjectServer>(absl::Seconds(3), authority_.gatekeeper());
  }
  ~ScopeTest() override { SetOutboundIdentity({}); }

  lv1::LeadService::Stub& leads() { return server_->lead().stub(); }
  pv1::ProjectService::Stub& projects() { return server_->stub(); }
  std::unique_ptr<grpc::ClientContext> As(const Principal& principal) {
    return authority_.Context(principal);
  }
  std::string Audit(const std::string& where) {
    return server_->lead().database().QueryValue(
        "SELECT count(*) FROM audit.events WHERE schema_name = 'lead' AND " + where);
  }

  // A lead collected by the Fujian office.
  lv1::Lead FujianLead(const std::string& request_id) {
    lv1::Enterprise enterprise;
    EXPECT_TRUE(
        leads()
            .CreateEnterprise(As(OfficeStaff()).get(),
                              EnterpriseRequest(request_id + "-e", "闽南医疗器械" + request_id),
                              &enterprise)
            .ok());
    lv1::Lead lead;
    const grpc::Status status = leads().CreateLead(As(OfficeStaff()).get(),
                                                   LeadRequest(request_id, enterprise.id()), &lead);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return lead;
  }

  pv1::Project ProjectOf(const std::string& unit, const std::string& leader,
                         const std::string& request_id) {
    lv1::Enterprise enterprise;
    EXPECT_TRUE(leads()
                    .CreateEnterprise(As(BureauStaff()).get(),
                                      EnterpriseRequest(request_id + "-e", "项目企业" + request_id),
                                      &enterprise)
                    .ok());
    pv1::CreateProjectRequest request;
    request.set_request_id(request_id);
    pv1::Project* p = request.mutable_project();
    p->set_name("项目" + request_id);
    p->set_enterprise_id(enterprise.id());
    p->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
    p->set_chain_action(cv1::CHAIN_ACTION_STRENGTHEN);
    p->set_park_code("park-medical");
    p->set_total_investment_wan_yuan(20000);
    p->set_unit_code(unit);
    p->set_leader_code(leader);
    p->set_stage(pv1::STAGE_NEGOTIATING);
    pv1::Project project;
    const grpc::Status status =
        projects().CreateProject(As(BureauStaff()).get(), request, &project);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return project;
  }

  TokenAuthority authority_;
  std::unique_ptr<ProjectServer> server_;
};

TEST_F(ScopeTest, AnOfficeWorksOnItsOwnLeadsOnly) {
  const lv1::Lead lead = FujianLead("fj-1");
  lv1::Lead got;
  EXPECT_TRUE(leads()
                  .GetLead(
                      As(OfficeStaff()).get(),
                      [&] {
                        lv1::GetLeadRequest r;
                        r.set_id(lead.id());
                        return r;
                      }(),
                      &got)
                  .ok());

  // Chengdu's staff can neither read nor change Fujian's lead.
  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  grpc::Status status = leads().GetLead(As(OtherOfficeStaff()).get(), get, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message().find(lead.title()), std::string::npos)
      << "a denial names none of the data it hides";
  lv1::UpdateLeadRequest update;
  update.set_request_id("cd-update");
  update.mutable_lead()->set_id(lead.id());
  update.mutable_lead()->set_etag(lead.etag());
  update.mutable_lead()->set_title("改名");
  update.mutable_update_mask()->add_paths("title");
  EXPECT_EQ(leads().UpdateLead(As(OtherOfficeStaff()).get(), update, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  lv1::AddFollowUpRequest follow;
  follow.set_request_id("cd-follow");
  follow.mutable_follow_up()->set_lead_id(lead.id());
  follow.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_CONTACT);
  follow.mutable_follow_up()->set_content("电话沟通");
  lv1::FollowUp follow_up;
  EXPECT_EQ(leads().AddFollowUp(As(OtherOfficeStaff()).get(), follow, &follow_up).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  lv1::DropLeadRequest drop;
  drop.set_request_id("cd-drop");
  drop.set_lead_id(lead.id());
  drop.set_reason("不是我们的");
  EXPECT_EQ(leads().DropLead(As(OtherOfficeStaff()).get(), drop, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(leads().GetLead(As(UnitStaff()).get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Nor create one in Fujian's name, nor list Fujian's.
  lv1::CreateLeadRequest impostor = LeadRequest("cd-create", lead.enterprise_id());
  EXPECT_EQ(leads().CreateLead(As(OtherOfficeStaff()).get(), impostor, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  lv1::ListLeadsRequest list;
  lv1::ListLeadsResponse listed;
  ASSERT_TRUE(leads().ListLeads(As(OtherOfficeStaff()).get(), list, &listed).ok());
  EXPECT_EQ(listed.leads_size(), 0) << "Chengdu's list holds Chengdu's leads only";
  list.set_office_code("office-fujian");
  EXPECT_EQ(leads().ListLeads(As(OtherOfficeStaff()).get(), list, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Fujian and the bureau see it; Fujian can follow it up.
  ASSERT_TRUE(leads().ListLeads(As(OfficeStaff()).get(), lv1::ListLeadsRequest(), &listed).ok());
  EXPECT_EQ(listed.leads_size(), 1);
  ASSERT_TRUE(leads().ListLeads(As(BureauStaff()).get(), lv1::ListLeadsRequest(), &listed).ok());
  EXPECT_EQ(listed.leads_size(), 1);
  follow.set_request_id("fj-follow");
  EXPECT_TRUE(leads().AddFollowUp(As(OfficeStaff()).get(), follow, &follow_up).ok());
}

TEST_F(ScopeTest, UnitsAndLeadersSeeTheirOwnProjects) {
  const pv1::Project daliu = ProjectOf("town-daliu", "leader-deputy-head-2", "p-daliu");
  const pv1::Project wenshi = ProjectOf("town-wenshi", "leader-deputy-head-3", "p-wenshi");
  pv1::GetProjectRequest get;
  pv1::Project got;

  get.set_id(daliu.id());
  EXPECT_TRUE(projects().GetProject(As(UnitStaff()).get(), get, &got).ok());
  EXPECT_TRUE(projects().GetProject(As(Leader()).get(), get, &got).ok());
  get.set_id(wenshi.id());
  EXPECT_EQ(projects().GetProject(As(UnitStaff()).get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(projects().GetProject(As(Leader()).get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  for (const Principal& principal : {UnitStaff(), Leader()}) {
    pv1::ListProjectsResponse listed;
    ASSERT_TRUE(projects().ListProjects(As(principal).get(), {}, &listed).ok());
    ASSERT_EQ(listed.projects_size(), 1) << principal.id;
    EXPECT_EQ(listed.projects(0).id(), daliu.id());
  }
  pv1::ListProjectsResponse all;
  ASSERT_TRUE(projects().ListProjects(As(BureauStaff()).get(), {}, &all).ok());
  EXPECT_EQ(all.projects_size(), 2);

  // The unit may move its own project, not another unit's; a leader reads only.
  pv1::DropProjectRequest drop;
  drop.set_request_id("drop-wenshi");
  drop.set_project_id(wenshi.id());
  drop.set_reason("测试");
  EXPECT_EQ(projects().DropProject(As(UnitStaff()).get(), drop, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pv1::AddLedgerEntryRequest entry;
  entry.set_request_id("ledger-daliu");
  entry.mutable_entry()->set_project_id(daliu.id());
  entry.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_MEASURE);
  entry.mutable_entry()->set_content("专班服务");
  pv1::LedgerEntry added;
  EXPECT_TRUE(projects().AddLedgerEntry(As(UnitStaff()).get(), entry, &added).ok());
  entry.set_request_id("ledger-leader");
  EXPECT_EQ(projects().AddLedgerEntry(As(Leader()).get(), entry, &added).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  pv1::ListStageTransitionsRequest every;
  pv1::ListStageTransitionsResponse transitions;
  EXPECT_EQ(
      projects().ListStageTransitions(As(UnitStaff()).get(), every, &transitions).error_code(),
      grpc::StatusCode::PERMISSION_DENIED)
      << "the district-wide list is not a unit's";
}

TEST_F(ScopeTest, EveryMutationAndEveryRefusalIsAuditedAndFailedCallsAreNot) {
  const lv1::Lead lead = FujianLead("audit-create");
  EXPECT_EQ(Audit("request_id = 'audit-create' AND method = 'CreateLead' AND table_name = 'leads' "
                  "AND operation = 'INSERT' AND principal = 'fujian-chen' AND before IS NULL AND "
                  "after ->> 'title' = '医疗器械产业园项目' AND record_id = '" +
                  std::to_string(lead.id()) + "'"),
            "1");

  lv1::UpdateLeadRequest update;
  update.set_request_id("audit-update");
  update.mutable_lead()->set_id(lead.id());
  update.mutable_lead()->set_etag(lead.etag());
  update.mutable_lead()->set_title("医疗器械产业园二期");
  update.mutable_update_mask()->add_paths("title");
  lv1::Lead updated;
  ASSERT_TRUE(leads().UpdateLead(As(OfficeStaff()).get(), update, &updated).ok());
  EXPECT_EQ(Audit("request_id = 'audit-update' AND operation = 'UPDATE' AND "
                  "before ->> 'title' = '医疗器械产业园项目' AND "
                  "after ->> 'title' = '医疗器械产业园二期'"),
            "1");

  // A denied call (another office's lead) changes nothing but is recorded
  // as refused: who, what, when, why. A failed call (no title) leaves nothing.
  update.set_request_id("audit-denied");
  update.mutable_lead()->set_etag(updated.etag());
  EXPECT_EQ(leads().UpdateLead(As(OtherOfficeStaff()).get(), update, &updated).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  lv1::CreateLeadRequest invalid = LeadRequest("audit-failed", lead.enterprise_id());
  invalid.mutable_lead()->clear_title();
  EXPECT_EQ(leads().CreateLead(As(OfficeStaff()).get(), invalid, &updated).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Audit("request_id IN ('audit-denied', 'audit-failed') AND outcome = 'changed'"), "0");
  EXPECT_EQ(Audit("request_id = 'audit-failed'"), "0");
  EXPECT_EQ(Audit("request_id = 'audit-denied' AND outcome = 'denied' AND operation = 'DENY' AND "
                  "principal = 'chengdu-liu' AND method = 'UpdateLead' AND reason <> '' AND "
                  "at > now() - interval '1 minute'"),
            "1");

  // Admins read the trail of one record; nobody else may.
  cv1::ListAuditEventsRequest trail;
  trail.set_table("leads");
  trail.set_record_id(std::to_string(lead.id()));
  cv1::ListAuditEventsResponse events;
  ASSERT_TRUE(leads().ListAuditEvents(As(Admin()).get(), trail, &events).ok());
  ASSERT_GE(events.events_size(), 2);
  EXPECT_EQ(events.events(0).method(), "UpdateLead");  // newest first
  EXPECT_EQ(events.events(0).principal(), "fujian-chen");
  EXPECT_NE(events.events(0).before_json().find("医疗器械产业园项目"), std::string::npos);
  EXPECT_EQ(events.events(events.events_size() - 1).operation(), "INSERT");
  EXPECT_EQ(leads().ListAuditEvents(As(BureauStaff()).get(), trail, &events).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Refused by the role table before any work: recorded off the call's path.
  std::string refused;
  for (int i = 0; i < 50 && refused != "1"; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    refused =
        Audit("outcome = 'denied' AND method = 'ListAuditEvents' AND principal = 'staff-zhang'");
  }
  EXPECT_EQ(refused, "1");
}

TEST_F(ScopeTest, AServiceActingForAPersonIsAuditedAsBoth) {
  const lv1::Lead lead = FujianLead("convert-source");
  pv1::ConvertLeadToProjectRequest convert;
  convert.set_request_id("convert-1");
  convert.set_lead_id(lead.id());
  convert.mutable_project()->set_unit_code("town-daliu");
  convert.mutable_project()->set_park_code("park-medical");
  pv1::Project project;
  const grpc::Status status =
      projects().ConvertLeadToProject(As(OfficeStaff()).get(), convert, &project);
  ASSERT_TRUE(status.ok()) << status.error_message();
  // On the lead service the change was made by the project service's
  // account, for the Fujian staff member who asked.
  EXPECT_EQ(Audit("method = 'ConvertLead' AND table_name = 'leads' AND operation = 'UPDATE' AND "
                  "principal = 'zs-project' AND on_behalf_of = 'fujian-chen'"),
            "1");
  // Chengdu cannot convert Fujian's leads.
  const lv1::Lead other = FujianLead("convert-other");
  convert.set_request_id("convert-2");
  convert.set_lead_id(other.id());
  EXPECT_EQ(
      projects().ConvertLeadToProject(As(OtherOfficeStaff()).get(), convert, &project).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ScopeTest, AStoredAnswerGoesBackOnlyToItsCaller) {
  const lv1::CreateEnterpriseRequest request =
      EnterpriseRequest("shared-id", "泉州独有科技有限公司");
  lv1::Enterprise first, second;
  ASSERT_TRUE(leads().CreateEnterprise(As(OfficeStaff()).get(), request, &first).ok());
  // Fujian retrying gets its answer again; Chengdu sending the same request
  // with the same id learns nothing of it.
  ASSERT_TRUE(leads().CreateEnterprise(As(OfficeStaff()).get(), request, &second).ok());
  EXPECT_EQ(second.id(), first.id());
  lv1::Enterprise other;
  const grpc::Status status =
      leads().CreateEnterprise(As(OtherOfficeStaff()).get(), request, &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("another caller"), std::string::npos)
      << status.error_message();
  EXPECT_EQ(status.error_message().find("泉州"), std::string::npos);
  EXPECT_EQ(other.id(), 0);
}

// Every table but bookkeeping and the append-only lead status history (whose
// rows name who and when, beside the audited change of the lead itself).
TEST_F(ScopeTest, EveryTableCarriesTheAuditTrigger) {
  for (TestDatabase* database : {&server_->lead().database(), &server_->database()}) {
    EXPECT_EQ(database->QueryValue(
                  "SELECT string_agg(c.relname, ', ') FROM pg_class c "
                  "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
                  "AND c.relname NOT IN ('audit_log', 'idempotency_keys', 'schema_migrations', "
                  "'lead_status_history', 'report_deltas', 'report_rollup_days', "
                  "'report_rollup_months', 'project_facts') "
                  "AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
                  "AND t.tgname = 'zs_audit')"),
              "")
        << "tables without the audit trigger";
    EXPECT_NE(database->QueryValue("SELECT count(*) FROM pg_trigger WHERE tgname = 'zs_audit'"),
              "0");
  }
  EXPECT_EQ(server_->lead().database().QueryValue(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'zs_audit' AND c.relname = 'lead_status_history'"),
            "0");
  // The report rollups are derived data, rebuilt from the audited records.
  EXPECT_EQ(server_->database().QueryValue(
                "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = 'zs_audit' AND c.relname IN ('report_deltas', "
                "'report_rollup_days', 'report_rollup_months', 'project_facts')"),
            "0");
}

}  // namespace
}  // namespace zs::testing

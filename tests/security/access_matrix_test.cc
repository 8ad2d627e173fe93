// The role table, end to end: every RPC of every service, called through a
// real channel with a signed token for every kind of principal (two offices
// among them), must be refused by the role table exactly where this spec
// says so — and a call without a token is UNAUTHENTICATED everywhere except
// signing in. An RPC missing from this spec, or from a service's role
// table, fails the suite.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/outbound.h"
#include "common/security/access_policy.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/security_support.h"
#include "tests/support/identity_server.h"
#include "tests/support/project_server.h"
#include "tests/support/reporting_server.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

// Who may call what. A: bureau admin, S: bureau staff, U: unit staff,
// O: office staff (any office), L: leader, V: service account; *: also
// without any token (the request carries its own credential).
const std::map<std::string, std::string> kAllowed = {
    {"LeadService.CreateEnterprise", "ASUO"},
    {"LeadService.GetEnterprise", "ASUOLV"},
    {"LeadService.ListEnterprises", "ASUOL"},
    {"LeadService.UpdateEnterprise", "AS"},
    {"LeadService.FindDuplicateEnterprises", "AS"},
    {"LeadService.MergeEnterprises", "AS"},
    {"LeadService.CreateReferrer", "ASUO"},
    {"LeadService.GetReferrer", "ASUOL"},
    {"LeadService.ListReferrers", "ASUOL"},
    {"LeadService.CreateActivity", "ASUO"},
    {"LeadService.GetActivity", "ASUO"},
    {"LeadService.ListActivities", "ASUOV"},
    {"LeadService.UpdateActivity", "ASUO"},
    {"LeadService.CreateLead", "ASUO"},
    {"LeadService.GetLead", "ASUOV"},
    {"LeadService.ListLeads", "ASUOV"},
    {"LeadService.UpdateLead", "ASUO"},
    {"LeadService.AddFollowUp", "ASUO"},
    {"LeadService.ListFollowUps", "ASUO"},
    {"LeadService.ConvertLead", "ASV"},
    {"LeadService.DropLead", "ASUO"},
    {"LeadService.ListLeadStatusHistory", "ASUO"},
    {"LeadService.ListOverdueLeads", "ASUO"},
    {"LeadService.GetLeadTimeLimits", "ASUOL"},
    {"LeadService.UpdateLeadTimeLimits", "A"},
    {"LeadService.FindDuplicateLeads", "AS"},
    {"LeadService.MergeLeads", "AS"},
    {"LeadService.ListMerges", "AS"},
    {"LeadService.AggregateActivities", "ASUOLV"},
    {"LeadService.AggregateLeads", "ASUOLV"},
    {"LeadService.ListAuditEvents", "A"},
    {"LeadService.ImportLeads", "ASUO"},
    {"LeadService.ImportActivities", "ASUO"},
    {"LeadService.GetImportTemplate", "ASUOL"},

    {"ProjectService.CreateProject", "ASUO"},
    {"ProjectService.GetProject", "ASUOLV"},
    {"ProjectService.ListProjects", "ASUOLV"},
    {"ProjectService.UpdateProject", "ASUO"},
    {"ProjectService.HandOverProject", "AS"},
    {"ProjectService.ConvertLeadToProject", "ASUO"},
    {"ProjectService.StartNegotiation", "ASUO"},
    {"ProjectService.SignProject", "ASUO"},
    {"ProjectService.ScheduleStart", "ASUO"},
    {"ProjectService.StartProject", "ASUO"},
    {"ProjectService.CompleteProject", "ASUO"},
    {"ProjectService.DropProject", "ASUO"},
    {"ProjectService.RollOverYear", "A"},
    {"ProjectService.MoveEnterpriseProjects", "V"},
    {"ProjectService.ListStageTransitions", "ASUOLV"},
    {"ProjectService.RecordCapitalIncrease", "ASUO"},
    {"ProjectService.ChangeInvestor", "ASUO"},
    {"ProjectService.RecordResigning", "ASUO"},
    {"ProjectService.RepairLeadConversions", "AS"},
    {"ProjectService.AddLedgerEntry", "ASUO"},
    {"ProjectService.ListLedgerEntries", "ASUOL"},
    {"ProjectService.RecordFunds", "ASUO"},
    {"ProjectService.ListFunds", "ASUOLV"},
    {"ProjectService.CreateEnterpriseRequest", "ASUO"},
    {"ProjectService.GetEnterpriseRequest", "ASUOL"},
    {"ProjectService.ListEnterpriseRequests", "ASUOLV"},
    {"ProjectService.StartEnterpriseRequest", "ASUO"},
    {"ProjectService.SettleEnterpriseRequest", "ASUO"},
    {"ProjectService.RejectEnterpriseRequest", "ASUO"},
    {"ProjectService.SetHolidays", "A"},
    {"ProjectService.AggregateTransitions", "ASUOLV"},
    {"ProjectService.AggregateFunds", "ASUOLV"},
    {"ProjectService.AggregateContinuing", "ASUOLV"},
    {"ProjectService.ListAuditEvents", "A"},

    {"SupervisionService.ListUnits", "ASUOLV"},
    {"SupervisionService.GetUnit", "ASUOLV"},
    {"SupervisionService.CreateUnit", "A"},
    {"SupervisionService.UpdateUnit", "A"},
    {"SupervisionService.ListLeaders", "ASUOLV"},
    {"SupervisionService.CreateLeader", "A"},
    {"SupervisionService.ListTargetCategories", "ASUOL"},
    {"SupervisionService.UpsertTargetCategory", "A"},
    {"SupervisionService.SetUnitTargets", "AS"},
    {"SupervisionService.GetUnitTargets", "ASUOL"},
    {"SupervisionService.GetProgress", "ASUOL"},
    {"SupervisionService.PublishWeeklySummary", "ASV"},
    {"SupervisionService.PublishMonthlyRanking", "ASV"},
    {"SupervisionService.GetSnapshot", "ASUOL"},
    {"SupervisionService.ListSnapshots", "ASUOL"},
    {"SupervisionService.CreateTask", "AS"},
    {"SupervisionService.GetTask", "ASUO"},
    {"SupervisionService.ListTasks", "ASUO"},
    {"SupervisionService.CompleteTask", "ASUO"},
    {"SupervisionService.SetScoringRules", "A"},
    {"SupervisionService.GetScoringRules", "ASUOL"},
    {"SupervisionService.GenerateBulletin", "AS"},
    {"SupervisionService.CreateBulletin", "AS"},
    {"SupervisionService.ListBulletins", "ASUOL"},
    {"SupervisionService.RecordSanction", "AS"},
    {"SupervisionService.ListSanctions", "ASUOL"},
    {"SupervisionService.ListAuditEvents", "A"},

    {"ReportingService.GetPeriodReport", "ASUOL"},
    {"ReportingService.ListFigureRecords", "ASL"},
    {"ReportingService.ExportPeriodReport", "ASUOL"},
    {"ReportingService.GetBulletinText", "ASUOL"},

    {"IdentityService.CreateAccount", "A"},
    {"IdentityService.GetAccount", "ASUOL"},
    {"IdentityService.ListAccounts", "A"},
    {"IdentityService.UpdateAccount", "A"},
    {"IdentityService.ResetAccountPassword", "A"},
    {"IdentityService.ChangePassword", "ASUOL"},
    {"IdentityService.GetCurrentAccount", "ASUOL"},
    {"IdentityService.CreateSession", "ASUOLV*"},
    {"IdentityService.RefreshSession", "ASUOLV*"},
    {"IdentityService.DeleteSession", "ASUOLV*"},
    {"IdentityService.ListSignInEvents", "A"},
    {"IdentityService.GetTokenKeys", "ASUOLV*"},
    {"IdentityService.ListAuditEvents", "A"},
};

const std::vector<std::string>& Services() {
  static const auto* const kServices = new std::vector<std::string>{
      "zhaoshang.lead.v1.LeadService",
      "zhaoshang.project.v1.ProjectService",
      "zhaoshang.supervision.v1.SupervisionService",
      "zhaoshang.reporting.v1.ReportingService",
      "zhaoshang.identity.v1.IdentityService",
  };
  return *kServices;
}

const google::protobuf::ServiceDescriptor& Descriptor(const std::string& name) {
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
  if (service == nullptr) throw std::runtime_error("unknown service " + name);
  return *service;
}

// An empty request: what the role table decides on before anything is read.
grpc::Status CallEmpty(grpc::Channel& channel, const google::protobuf::MethodDescriptor& method,
                       std::unique_ptr<grpc::ClientContext> context) {
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(
      std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  grpc::Slice empty_message;  // a zero-byte protobuf; a default ByteBuffer is no message at all
  grpc::ByteBuffer request(&empty_message, 1), response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(),
                 absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                 grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  return done.get_future().get();
}

TEST(AccessMatrix, EveryRpcDeclaresItsCallersAndHasASpec) {
  int methods = 0;
  for (const std::string& name : Services()) {
    const google::protobuf::ServiceDescriptor& service = Descriptor(name);
    const AccessPolicy policy(service);
    for (int i = 0; i < service.method_count(); ++i, ++methods) {
      const std::string method = service.method(i)->name();
      EXPECT_TRUE(policy.Covers(method))
          << name << "." << method << " has no (zhaoshang.common.v1.access) option in its contract";
      // The executor finds a call's method by its request message.
      EXPECT_EQ(policy.MethodTaking(*service.method(i)->input_type()), service.method(i))
          << name << "." << method << " shares its request message with another RPC";
      EXPECT_TRUE(kAllowed.contains(absl::StrCat(service.name(), ".", method)))
          << service.name() << "." << method << " has no line in this test's spec";
    }
  }
  EXPECT_EQ(methods, static_cast<int>(kAllowed.size())) << "the spec names RPCs that do not exist";
}

TEST(AccessMatrix, EveryRpcForEveryKindOfPrincipal) {
  TokenAuthority authority;
  SetOutboundIdentity({.service = "zs-test-service", .token = authority.Token(ServiceAccount())});
  SupervisionServer supervision(authority.gatekeeper());
  ReportingServer reporting(authority.gatekeeper());
  IdentityServer identity(authority);
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels = {
      {"zhaoshang.lead.v1.LeadService", supervision.projects().lead().channel()},
      {"zhaoshang.project.v1.ProjectService", supervision.projects().channel()},
      {"zhaoshang.supervision.v1.SupervisionService",
       grpc::CreateChannel(absl::StrCat("127.0.0.1:", supervision.port()),
                           grpc::InsecureChannelCredentials())},
      {"zhaoshang.reporting.v1.ReportingService", reporting.channel()},
      {"zhaoshang.identity.v1.IdentityService", identity.channel()},
  };
  const std::vector<std::pair<char, Principal>> principals = {
      {'A', Admin()},         {'S', BureauStaff()},      {'U', UnitStaff()},
      {'O', OfficeStaff()},   {'O', OtherOfficeStaff()}, {'L', Leader()},
      {'V', ServiceAccount()}};

  int allowed = 0, denied = 0;
  for (const std::string& name : Services()) {
    const google::protobuf::ServiceDescriptor& service = Descriptor(name);
    for (int i = 0; i < service.method_count(); ++i) {
      const google::protobuf::MethodDescriptor& method = *service.method(i);
      const std::string label = absl::StrCat(service.name(), ".", method.name());
      auto spec = kAllowed.find(label);
      ASSERT_NE(spec, kAllowed.end()) << label;

      const grpc::Status anonymous = CallEmpty(*channels[name], method, [] {
        auto context = std::make_unique<grpc::ClientContext>();
        context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        return context;
      }());
      const bool open_to_anyone = spec->second.find('*') != std::string::npos;
      EXPECT_EQ(anonymous.error_code() == grpc::StatusCode::UNAUTHENTICATED, !open_to_anyone)
          << label << ": " << anonymous.error_message();

      for (const auto& [letter, principal] : principals) {
        const grpc::Status status =
            CallEmpty(*channels[name], method, authority.Context(principal));
        const bool refused_by_role_table =
            status.error_code() == grpc::StatusCode::PERMISSION_DENIED &&
            absl::StrContains(status.error_message(), "may not call");
        const bool expected_allowed = spec->second.find(letter) != std::string::npos;
        EXPECT_EQ(refused_by_role_table, !expected_allowed)
            << label << " as " << principal.id << ": " << status.error_code() << " "
            << status.error_message();
        EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << label;
        (expected_allowed ? allowed : denied)++;
      }
    }
  }
  // 7 principals × every RPC; the split is the spec's, printed for the record.
  std::printf("access matrix: %d allowed, %d refused by the role table\n", allowed, denied);
  SetOutboundIdentity({});
}

// Row scoping as work is shared, principal × RPC on real records: Fujian's
// office collected the lead that became town-wenshi's project, which
// leader-deputy-head-2 sub-contracts; the project has an enterprise request
// assigned to town-wenshi. Letters as above; U is town-daliu (not the
// project's unit), O is Fujian, C is Chengdu. A letter marks who reaches the
// record: a single-record call is not PERMISSION_DENIED, a list holds it.
TEST(AccessMatrix, SharedWorkForEveryKindOfPrincipal) {
  namespace pv1 = ::zhaoshang::project::v1;
  TokenAuthority authority;
  SetOutboundIdentity({.service = "zs-test-service", .token = authority.Token(ServiceAccount())});
  ProjectServer server(absl::Seconds(3), authority.gatekeeper());
  auto as = [&](const Principal& p) { return authority.Context(p); };

  lv1::Enterprise enterprise;
  ASSERT_TRUE(server.lead()
                  .stub()
                  .CreateEnterprise(as(OfficeStaff()).get(),
                                    EnterpriseRequest("share-e", "闽南共享科技"), &enterprise)
                  .ok());
  lv1::Lead lead;
  ASSERT_TRUE(
      server.lead()
          .stub()
          .CreateLead(as(OfficeStaff()).get(), LeadRequest("share-lead", enterprise.id()), &lead)
          .ok());
  pv1::ConvertLeadToProjectRequest convert;
  convert.set_request_id("share-convert");
  convert.set_lead_id(lead.id());
  convert.mutable_project()->set_unit_code("town-wenshi");
  convert.mutable_project()->set_leader_code("leader-deputy-head-2");
  convert.mutable_project()->set_park_code("park-medical");
  pv1::Project project;
  grpc::Status status =
      server.stub().ConvertLeadToProject(as(BureauStaff()).get(), convert, &project);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(project.collected_by_code(), "office-fujian");
  pv1::CreateEnterpriseRequestRequest raise;
  raise.set_request_id("share-request");
  raise.mutable_enterprise_request()->set_project_id(project.id());
  raise.mutable_enterprise_request()->set_category("用地");
  raise.mutable_enterprise_request()->set_content("协调土地指标");
  raise.mutable_enterprise_request()->set_unit_code("town-wenshi");
  raise.mutable_enterprise_request()->set_time_limit_working_days(5);
  pv1::EnterpriseRequest ticket;
  status = server.stub().CreateEnterpriseRequest(as(BureauStaff()).get(), raise, &ticket);
  ASSERT_TRUE(status.ok()) << status.error_message();

  int call = 0;
  auto reached = [](const grpc::Status& s) {
    return s.error_code() != grpc::StatusCode::PERMISSION_DENIED;
  };
  using Attempt = std::function<bool(grpc::ClientContext*)>;
  const std::vector<std::tuple<std::string, std::string, Attempt>> rows = {
      {"GetProject", "ASOLV",
       [&](grpc::ClientContext* c) {
         pv1::GetProjectRequest r;
         r.set_id(project.id());
         pv1::Project out;
         return reached(server.stub().GetProject(c, r, &out));
       }},
      {"ListProjects (default list)", "ASOLV",
       [&](grpc::ClientContext* c) {
         pv1::ListProjectsResponse out;
         if (!server.stub().ListProjects(c, {}, &out).ok()) return false;
         for (const auto& p : out.projects()) {
           if (p.id() == project.id()) return true;
         }
         return false;
       }},
      {"ListLedgerEntries", "ASOL",
       [&](grpc::ClientContext* c) {
         pv1::ListLedgerEntriesRequest r;
         r.set_project_id(project.id());
         pv1::ListLedgerEntriesResponse out;
         return reached(server.stub().ListLedgerEntries(c, r, &out));
       }},
      {"AddLedgerEntry", "ASO",
       [&](grpc::ClientContext* c) {
         pv1::AddLedgerEntryRequest r;
         r.set_request_id(absl::StrCat("share-ledger-", ++call));
         r.mutable_entry()->set_project_id(project.id());
         r.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_PROGRESS);
         r.mutable_entry()->set_content("客商回访");
         pv1::LedgerEntry out;
         return reached(server.stub().AddLedgerEntry(c, r, &out));
       }},
      {"UpdateProject", "AS",
       [&](grpc::ClientContext* c) {
         pv1::UpdateProjectRequest r;
         r.set_request_id(absl::StrCat("share-update-", ++call));
         r.mutable_project()->set_id(project.id());
         r.mutable_project()->set_etag("\"0\"");
         r.mutable_project()->set_name("改名");
         r.mutable_update_mask()->add_paths("name");
         pv1::Project out;
         return reached(server.stub().UpdateProject(c, r, &out));
       }},
      {"RecordFunds", "AS",
       [&](grpc::ClientContext* c) {
         pv1::RecordFundsRequest r;
         r.set_request_id(absl::StrCat("share-funds-", ++call));
         r.mutable_funds()->set_project_id(project.id());
         pv1::FundsRecord out;
         return reached(server.stub().RecordFunds(c, r, &out));
       }},
      {"GetEnterpriseRequest", "ASL",
       [&](grpc::ClientContext* c) {
         pv1::GetEnterpriseRequestRequest r;
         r.set_id(ticket.id());
         pv1::EnterpriseRequest out;
         return reached(server.stub().GetEnterpriseRequest(c, r, &out));
       }},
      {"ListEnterpriseRequests (default list)", "ASLV",
       [&](grpc::ClientContext* c) {
         pv1::ListEnterpriseRequestsResponse out;
         if (!server.stub().ListEnterpriseRequests(c, {}, &out).ok()) return false;
         for (const auto& r : out.enterprise_requests()) {
           if (r.id() == ticket.id()) return true;
         }
         return false;
       }},
      {"StartEnterpriseRequest", "AS",
       [&](grpc::ClientContext* c) {
         pv1::StartEnterpriseRequestRequest r;
         r.set_request_id(absl::StrCat("share-start-", ++call));
         r.set_id(ticket.id());
         r.set_etag("\"0\"");
         pv1::EnterpriseRequest out;
         return reached(server.stub().StartEnterpriseRequest(c, r, &out));
       }},
  };
  const std::vector<std::pair<char, Principal>> principals = {
      {'A', Admin()},         {'S', BureauStaff()},      {'U', UnitStaff()},
      {'O', OfficeStaff()},   {'C', OtherOfficeStaff()}, {'L', Leader()},
      {'V', ServiceAccount()}};
  for (const auto& [label, who, attempt] : rows) {
    const std::string spec = absl::StrCat("ProjectService.", label.substr(0, label.find(' ')));
    for (const auto& [letter, principal] : principals) {
      const char role_letter = letter == 'C' ? 'O' : letter;
      if (kAllowed.at(spec).find(role_letter) == std::string::npos) continue;  // role table
      EXPECT_EQ(attempt(as(principal).get()), who.find(letter) != std::string::npos)
          << label << " as " << principal.id;
    }
  }
  SetOutboundIdentity({});
}

}  // namespace
}  // namespace zs::testing

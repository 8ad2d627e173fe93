// The role table, end to end: every RPC of every service, called through a
// real channel with a signed token for every kind of principal (two offices
// among them), must be refused by the role table exactly where this spec
// says so — and a call without a token is UNAUTHENTICATED everywhere except
// signing in. An RPC missing from this spec, or from a service's role
// table, fails the suite.
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/outbound.h"
#include "services/identity/identity_access.h"
#include "services/lead/lead_access.h"
#include "services/project/project_access.h"
#include "services/reporting/reporting_service.h"
#include "services/supervision/supervision_access.h"
#include "tests/security/security_support.h"
#include "tests/support/identity_server.h"
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
    {"ProjectService.GetEnterpriseRequest", "ASUO"},
    {"ProjectService.ListEnterpriseRequests", "ASUOV"},
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
    {"ReportingService.ListFigureRecords", "AS"},
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

const std::vector<std::pair<std::string, const AccessPolicy*>>& Services() {
  static const auto* const kServices = new std::vector<std::pair<std::string, const AccessPolicy*>>{
      {"zhaoshang.lead.v1.LeadService", &lead::LeadAccessPolicy()},
      {"zhaoshang.project.v1.ProjectService", &project::ProjectAccessPolicy()},
      {"zhaoshang.supervision.v1.SupervisionService", &supervision::SupervisionAccessPolicy()},
      {"zhaoshang.reporting.v1.ReportingService", &reporting::ReportingAccessPolicy()},
      {"zhaoshang.identity.v1.IdentityService", &identity::IdentityAccessPolicy()},
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

TEST(AccessMatrix, EveryRpcHasARoleTableEntryAndASpec) {
  int methods = 0;
  for (const auto& [name, policy] : Services()) {
    const google::protobuf::ServiceDescriptor& service = Descriptor(name);
    for (int i = 0; i < service.method_count(); ++i, ++methods) {
      const std::string method = service.method(i)->name();
      EXPECT_TRUE(policy->Covers(method))
          << name << "." << method << " has no entry in its service's role table";
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
  for (const auto& [name, policy] : Services()) {
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

}  // namespace
}  // namespace zs::testing

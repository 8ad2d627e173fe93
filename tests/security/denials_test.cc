// What a refused caller learns, tried from outside with signed tokens: a
// unit, office or leader asking for a record it may not see hears the same
// PERMISSION_DENIED whether the record exists or not, on every RPC that names
// a record; a conflict names no other office's lead; a write cannot move a
// project out of its writer's reach; a deactivated unit loses access.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/directory_refresher.h"
#include "common/outbound.h"
#include "common/security/access_policy.h"
#include "tests/lead/lead_test_util.h"
#include "tests/security/security_support.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

namespace pv1 = ::zhaoshang::project::v1;
namespace sv1 = ::zhaoshang::supervision::v1;
using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::MethodDescriptor;

// Calls `method` with `request` as it is, through a generic stub: any RPC of
// any service, from its descriptor.
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const MethodDescriptor& method,
                     const Message& request, grpc::ClientContext* context) {
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer> stub(channel);
  const std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  grpc::ByteBuffer in(&slice, 1), out;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context, absl::StrCat("/", method.service()->full_name(), "/", method.name()),
                 grpc::StubOptions(), &in, &out,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  return done.get_future().get();
}

// Sets the int64 at `path` ("lead.id", "project_id") in `message`.
void SetPath(Message* message, const std::string& path, int64_t value) {
  const std::vector<std::string> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(parts[i]);
    ASSERT_NE(field, nullptr) << path;
    message = message->GetReflection()->MutableMessage(message, field);
  }
  const FieldDescriptor* field = message->GetDescriptor()->FindFieldByName(parts.back());
  ASSERT_NE(field, nullptr) << path;
  message->GetReflection()->SetInt64(message, field, value);
}

// The paths of a request that name a record by id: top-level `id` and
// `*_id`, and the same one message deep (`lead.id`, `entry.project_id`).
std::vector<std::string> IdPaths(const Descriptor& request) {
  std::vector<std::string> paths;
  auto names_record = [](const FieldDescriptor& f) {
    return f.type() == FieldDescriptor::TYPE_INT64 && !f.is_repeated() &&
           (f.name() == "id" || absl::EndsWith(f.name(), "_id"));
  };
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor& field = *request.field(i);
    if (names_record(field)) paths.push_back(field.name());
    if (field.type() == FieldDescriptor::TYPE_MESSAGE && !field.is_repeated()) {
      const Descriptor& inner = *field.message_type();
      for (int j = 0; j < inner.field_count(); ++j) {
        if (names_record(*inner.field(j))) {
          paths.push_back(absl::StrCat(field.name(), ".", inner.field(j)->name()));
        }
      }
    }
  }
  return paths;
}

enum class Record { kLead, kActivity, kProject, kEnterpriseRequest, kTask };

// Every RPC that reads or changes one scoped record, and where its request
// names it.
const std::map<std::string, std::pair<std::string, Record>>& ScopedRpcs() {
  static const auto* const kRpcs = new std::map<std::string, std::pair<std::string, Record>>{
      {"LeadService.GetActivity", {"id", Record::kActivity}},
      {"LeadService.UpdateActivity", {"activity.id", Record::kActivity}},
      {"LeadService.GetLead", {"id", Record::kLead}},
      {"LeadService.UpdateLead", {"lead.id", Record::kLead}},
      {"LeadService.AddFollowUp", {"follow_up.lead_id", Record::kLead}},
      {"LeadService.ListFollowUps", {"lead_id", Record::kLead}},
      {"LeadService.DropLead", {"lead_id", Record::kLead}},
      {"LeadService.ListLeadStatusHistory", {"lead_id", Record::kLead}},
      {"ProjectService.ConvertLeadToProject", {"lead_id", Record::kLead}},
      {"ProjectService.GetProject", {"id", Record::kProject}},
      {"ProjectService.UpdateProject", {"project.id", Record::kProject}},
      {"ProjectService.HandOverProject", {"project_id", Record::kProject}},
      {"ProjectService.StartNegotiation", {"project_id", Record::kProject}},
      {"ProjectService.SignProject", {"project_id", Record::kProject}},
      {"ProjectService.ScheduleStart", {"project_id", Record::kProject}},
      {"ProjectService.StartProject", {"project_id", Record::kProject}},
      {"ProjectService.CompleteProject", {"project_id", Record::kProject}},
      {"ProjectService.DropProject", {"project_id", Record::kProject}},
      {"ProjectService.ListStageTransitions", {"project_id", Record::kProject}},
      {"ProjectService.RecordCapitalIncrease", {"project_id", Record::kProject}},
      {"ProjectService.ChangeInvestor", {"project_id", Record::kProject}},
      {"ProjectService.RecordResigning", {"project_id", Record::kProject}},
      {"ProjectService.AddLedgerEntry", {"entry.project_id", Record::kProject}},
      {"ProjectService.ListLedgerEntries", {"project_id", Record::kProject}},
      {"ProjectService.RecordFunds", {"funds.project_id", Record::kProject}},
      {"ProjectService.ListFunds", {"project_id", Record::kProject}},
      {"ProjectService.CreateEnterpriseRequest",
       {"enterprise_request.project_id", Record::kProject}},
      {"ProjectService.GetEnterpriseRequest", {"id", Record::kEnterpriseRequest}},
      {"ProjectService.StartEnterpriseRequest", {"id", Record::kEnterpriseRequest}},
      {"ProjectService.SettleEnterpriseRequest", {"id", Record::kEnterpriseRequest}},
      {"ProjectService.RejectEnterpriseRequest", {"id", Record::kEnterpriseRequest}},
      {"SupervisionService.GetTask", {"id", Record::kTask}},
      {"SupervisionService.CompleteTask", {"id", Record::kTask}},
  };
  return *kRpcs;
}

// RPCs whose ids name district-wide records (enterprises, referrers,
// snapshots), ids only the bureau may use, or ids a record merely refers to.
const std::set<std::string>& UnscopedRpcs() {
  static const auto* const kRpcs = new std::set<std::string>{
      "LeadService.CreateEnterprise",
      "LeadService.GetEnterprise",
      "LeadService.UpdateEnterprise",
      "LeadService.MergeEnterprises",
      "LeadService.CreateReferrer",
      "LeadService.GetReferrer",
      "LeadService.ListReferrers",
      "LeadService.CreateActivity",
      "LeadService.CreateLead",
      "LeadService.ListLeads",
      "LeadService.ConvertLead",
      "LeadService.MergeLeads",
      "LeadService.ListMerges",
      "LeadService.FindDuplicateLeads",
      "ProjectService.CreateProject",
      "SupervisionService.GetSnapshot",
      "ProjectService.AggregateTransitions",
      // A list held to the caller's own records: another's project lists
      // nothing, as a missing one does.
      "ProjectService.ListEnterpriseRequests",
  };
  return *kRpcs;
}

class DenialTest : public ::testing::Test {
 protected:
  DenialTest() {
    SetOutboundIdentity({.service = "zs-test", .token = authority_.Token(ServiceAccount())});
    server_ = std::make_unique<SupervisionServer>(authority_.gatekeeper());
    channels_ = {
        {"LeadService", server_->projects().lead().channel()},
        {"ProjectService", server_->projects().channel()},
        {"SupervisionService", grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                                   grpc::InsecureChannelCredentials())},
    };
  }
  ~DenialTest() override { SetOutboundIdentity({}); }

  lv1::LeadService::Stub& leads() { return server_->projects().lead().stub(); }
  pv1::ProjectService::Stub& projects() { return server_->projects().stub(); }
  std::unique_ptr<grpc::ClientContext> As(const Principal& principal) {
    return authority_.Context(principal);
  }

  int64_t Enterprise(const std::string& name) {
    lv1::Enterprise enterprise;
    const grpc::Status status = leads().CreateEnterprise(
        As(BureauStaff()).get(), EnterpriseRequest(absl::StrCat("e-", ++enterprises_), name),
        &enterprise);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return enterprise.id();
  }

  lv1::Lead FujianLead(const std::string& request_id, int64_t enterprise_id) {
    lv1::Lead lead;
    const grpc::Status status =
        leads().CreateLead(As(OfficeStaff()).get(), LeadRequest(request_id, enterprise_id), &lead);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return lead;
  }

  pv1::Project Project(const std::string& unit, const std::string& leader,
                       const std::string& request_id) {
    pv1::CreateProjectRequest request;
    request.set_request_id(request_id);
    pv1::Project* p = request.mutable_project();
    p->set_name("项目" + request_id);
    p->set_enterprise_id(Enterprise("项目企业" + request_id));
    p->set_industry(cv1::INDUSTRY_MEDICAL_DEVICES);
    p->set_chain_action(cv1::CHAIN_ACTION_STRENGTHEN);
    p->set_park_code("park-medical");
    p->set_total_investment_wan_yuan(20000);
    p->set_unit_code(unit);
    p->set_leader_code(leader);
    pv1::Project project;
    const grpc::Status status =
        projects().CreateProject(As(BureauStaff()).get(), request, &project);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return project;
  }

  Directory directory_{Directory::SeededEntries()};  // outlives the gatekeeper's calls
  int enterprises_ = 0;
  TokenAuthority authority_;
  std::unique_ptr<SupervisionServer> server_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
};

TEST_F(DenialTest, AMissingRecordIsDeniedLikeAnotherOnesOnEveryScopedRpc) {
  // Records of others: Fujian's lead and activity, town-wenshi's project
  // (led by another leader), its enterprise request and a task.
  std::map<Record, int64_t> ids;
  const int64_t enterprise = Enterprise("闽南医疗器械");
  ids[Record::kLead] = FujianLead("fj-lead", enterprise).id();
  {
    lv1::CreateActivityRequest request;
    request.set_request_id("fj-trip");
    auto* a = request.mutable_activity();
    a->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
    a->set_title("赴厦门招商");
    a->set_office_code("office-fujian");
    a->set_start_date("2026-03-10");
    a->set_end_date("2026-03-10");
    lv1::Activity created;
    ASSERT_TRUE(leads().CreateActivity(As(OfficeStaff()).get(), request, &created).ok());
    ids[Record::kActivity] = created.id();
  }
  const pv1::Project wenshi = Project("town-wenshi", "leader-deputy-head-3", "p-wenshi");
  ids[Record::kProject] = wenshi.id();
  {
    pv1::CreateEnterpriseRequestRequest request;
    request.set_request_id("req-wenshi");
    auto* r = request.mutable_enterprise_request();
    r->set_project_id(wenshi.id());
    r->set_category("用地");
    r->set_content("协调土地指标");
    r->set_unit_code("town-wenshi");
    r->set_time_limit_working_days(5);
    pv1::EnterpriseRequest created;
    const grpc::Status status =
        projects().CreateEnterpriseRequest(As(BureauStaff()).get(), request, &created);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ids[Record::kEnterpriseRequest] = created.id();
  }
  {
    sv1::CreateTaskRequest request;
    request.set_request_id("task-wenshi");
    request.mutable_task()->set_unit_code("town-wenshi");
    request.mutable_task()->set_title("签约");
    request.mutable_task()->set_required_result("完成签约");
    request.mutable_task()->set_due_date("2026-10-31");
    sv1::Task created;
    ASSERT_TRUE(server_->stub().CreateTask(As(BureauStaff()).get(), request, &created).ok());
    ids[Record::kTask] = created.id();
  }

  const std::vector<std::string> services = {
      "zhaoshang.lead.v1.LeadService",
      "zhaoshang.project.v1.ProjectService",
      "zhaoshang.supervision.v1.SupervisionService",
  };
  // Chengdu's office and the Daliu town own none of these records; the
  // leader leads none of them.
  const std::vector<Principal> outsiders = {OtherOfficeStaff(), UnitStaff(), Leader()};
  int compared = 0;
  for (const std::string& service_name : services) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(service_name);
    ASSERT_NE(service, nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor& method = *service->method(i);
      const std::string label = absl::StrCat(service->name(), ".", method.name());
      auto scoped = ScopedRpcs().find(label);
      if (scoped == ScopedRpcs().end()) {
        // A new RPC naming a record must say here whether it is scoped.
        bool open_to_scoped = false;
        for (const Principal& p : outsiders)
          open_to_scoped |= AllowedCallers(method).Contains(p.kind);
        EXPECT_TRUE(IdPaths(*method.input_type()).empty() || !open_to_scoped ||
                    UnscopedRpcs().contains(label))
            << label << " names a record by id and is open to units, offices or leaders: add it "
            << "to ScopedRpcs or UnscopedRpcs";
        continue;
      }
      const auto& [path, record] = scoped->second;
      for (const Principal& outsider : outsiders) {
        if (!AllowedCallers(method).Contains(outsider.kind)) continue;
        std::string answers[2];
        for (int missing = 0; missing < 2; ++missing) {
          std::unique_ptr<Message> request(google::protobuf::MessageFactory::generated_factory()
                                               ->GetPrototype(method.input_type())
                                               ->New());
          SetPath(request.get(), path, ids[record] + (missing ? 1000000 : 0));
          if (const auto* id = method.input_type()->FindFieldByName("request_id")) {
            request->GetReflection()->SetString(request.get(), id,
                                                absl::StrCat(label, outsider.id, missing));
          }
          if (label == "ProjectService.ChangeInvestor") {
            SetPath(request.get(), "new_enterprise_id", enterprise);
          }
          const grpc::Status status =
              CallRaw(channels_[service->name()], method, *request, As(outsider).get());
          EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
              << label << " as " << outsider.id << (missing ? " (missing record): " : ": ")
              << status.error_message();
          answers[missing] = status.error_message();
        }
        EXPECT_EQ(answers[0], answers[1])
            << label << " as " << outsider.id << ": the denial tells a missing record apart";
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 40);
  // Nothing was changed by any of the refused calls.
  EXPECT_EQ(
      server_->projects().database().QueryValue(
          "SELECT count(*) FROM transitions WHERE project_id = " + std::to_string(wenshi.id())),
      "1");
}

TEST_F(DenialTest, AnOpenLeadConflictNamesNoOtherOfficesLead) {
  const int64_t enterprise = Enterprise("成都已跟进科技");
  const lv1::Lead fujian = FujianLead("fj-open", enterprise);

  lv1::CreateLeadRequest chengdu = LeadRequest("cd-open", enterprise);
  chengdu.mutable_lead()->set_office_code("office-chengdu");
  lv1::Lead created;
  grpc::Status status = leads().CreateLead(As(OtherOfficeStaff()).get(), chengdu, &created);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "LEAD_ALREADY_OPEN");
  EXPECT_EQ(status.error_message().find(absl::StrCat("lead ", fujian.id())), std::string::npos)
      << status.error_message();
  EXPECT_EQ(status.error_message().find(fujian.title()), std::string::npos)
      << status.error_message();
  EXPECT_EQ(status.error_details().find(fujian.title()), std::string::npos);
  EXPECT_NE(status.error_message().find("another unit or office"), std::string::npos)
      << status.error_message();

  // The office that follows it, and the bureau, are told which lead.
  for (const Principal& insider : {OfficeStaff(), BureauStaff()}) {
    lv1::CreateLeadRequest again = LeadRequest("again-" + insider.id, enterprise);
    status = leads().CreateLead(As(insider).get(), again, &created);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
    EXPECT_NE(status.error_message().find(absl::StrCat("open lead ", fujian.id())),
              std::string::npos)
        << insider.id << ": " << status.error_message();
  }
}

TEST_F(DenialTest, AnUpdateCannotMoveAProjectToAnotherUnitOnlyAHandOverCan) {
  const pv1::Project daliu = Project("town-daliu", "leader-deputy-head-2", "p-daliu");
  pv1::UpdateProjectRequest update;
  update.set_request_id("move-away");
  update.mutable_project()->set_id(daliu.id());
  update.mutable_project()->set_etag(daliu.etag());
  update.mutable_project()->set_unit_code("town-wenshi");
  update.mutable_update_mask()->add_paths("unit_code");
  pv1::Project got;
  for (const Principal& writer : {UnitStaff(), BureauStaff()}) {
    update.set_request_id("move-away-" + writer.id);
    const grpc::Status status = projects().UpdateProject(As(writer).get(), update, &got);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << writer.id;
    EXPECT_EQ(ViolatedField(status), "update_mask") << status.error_message();
  }
  pv1::GetProjectRequest get;
  get.set_id(daliu.id());
  ASSERT_TRUE(projects().GetProject(As(UnitStaff()).get(), get, &got).ok());
  EXPECT_EQ(got.unit_code(), "town-daliu");

  // The bureau hands it over, with a reason; units cannot.
  pv1::HandOverProjectRequest hand_over;
  hand_over.set_request_id("hand-over");
  hand_over.set_project_id(daliu.id());
  hand_over.set_etag(got.etag());
  hand_over.set_unit_code("town-wenshi");
  hand_over.set_reason("项目选址调整到文社街道");
  EXPECT_EQ(projects().HandOverProject(As(UnitStaff()).get(), hand_over, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  hand_over.set_reason("");
  EXPECT_EQ(ViolatedField(projects().HandOverProject(As(BureauStaff()).get(), hand_over, &got)),
            "reason");
  hand_over.set_reason("项目选址调整到文社街道");
  hand_over.set_unit_code("town-nowhere");
  EXPECT_EQ(ViolatedField(projects().HandOverProject(As(BureauStaff()).get(), hand_over, &got)),
            "unit_code");
  hand_over.set_unit_code("town-wenshi");
  hand_over.set_etag("\"v999\"");
  EXPECT_EQ(projects().HandOverProject(As(BureauStaff()).get(), hand_over, &got).error_code(),
            grpc::StatusCode::ABORTED);
  hand_over.set_etag(daliu.etag());
  const grpc::Status status = projects().HandOverProject(As(BureauStaff()).get(), hand_over, &got);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.unit_code(), "town-wenshi");
  EXPECT_EQ(server_->projects().database().QueryValue(
                "SELECT from_unit_code || '>' || to_unit_code || ':' || actor "
                "FROM project_handovers WHERE project_id = " +
                std::to_string(daliu.id())),
            "town-daliu>town-wenshi:staff-zhang");
  EXPECT_EQ(projects().GetProject(As(UnitStaff()).get(), get, &got).error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "the project is now town-wenshi's";
}

TEST_F(DenialTest, ADeactivatedOfficeLosesAccessWithinTheRefresh) {
  authority_.mutable_gatekeeper().FollowDirectory(directory_);
  DirectoryRefresher refresher(directory_, channels_["SupervisionService"], absl::Seconds(1));
  const lv1::Lead lead = FujianLead("fj-before", Enterprise("闽东电子"));

  sv1::GetUnitRequest get_unit;
  get_unit.set_code("office-fujian");
  sv1::Unit unit;
  ASSERT_TRUE(server_->stub().GetUnit(As(Admin()).get(), get_unit, &unit).ok());
  sv1::UpdateUnitRequest deactivate;
  deactivate.set_request_id("close-fujian");
  *deactivate.mutable_unit() = unit;
  deactivate.mutable_unit()->set_active(false);
  deactivate.mutable_update_mask()->add_paths("active");
  const grpc::Status closed = server_->stub().UpdateUnit(As(Admin()).get(), deactivate, &unit);
  ASSERT_TRUE(closed.ok()) << closed.error_message();

  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  lv1::Lead got;
  grpc::Status status;
  const absl::Time give_up = absl::Now() + absl::Seconds(10);
  do {
    absl::SleepFor(absl::Milliseconds(200));
    status = leads().GetLead(As(OfficeStaff()).get(), get, &got);
  } while (status.ok() && absl::Now() < give_up);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
  // Writes too, on every service; other offices and the bureau carry on.
  EXPECT_EQ(
      leads()
          .CreateLead(As(OfficeStaff()).get(), LeadRequest("fj-after", lead.enterprise_id()), &got)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  pv1::ListProjectsResponse listed;
  EXPECT_EQ(projects().ListProjects(As(OfficeStaff()).get(), {}, &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(leads().GetLead(As(BureauStaff()).get(), get, &got).ok());
  lv1::ListLeadsResponse leads_listed;
  EXPECT_TRUE(leads().ListLeads(As(OtherOfficeStaff()).get(), {}, &leads_listed).ok());
}

}  // namespace
}  // namespace zs::testing

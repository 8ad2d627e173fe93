// The lead service through a real gRPC channel against PostgreSQL.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/lead/lead_test_util.h"

namespace zs::testing {
namespace {

class LeadServiceTest : public ::testing::Test {
 protected:
  lv1::Enterprise CreateEnterprise(const std::string& name) {
    lv1::Enterprise enterprise;
    grpc::Status status = server_.stub().CreateEnterprise(
        StaffContext().get(), EnterpriseRequest(absl::StrCat("e-", ++created_), name), &enterprise);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return enterprise;
  }
  lv1::Lead CreateLead(const std::string& request_id, int64_t enterprise_id) {
    lv1::Lead lead;
    grpc::Status status = server_.stub().CreateLead(StaffContext().get(),
                                                    LeadRequest(request_id, enterprise_id), &lead);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return lead;
  }
  std::string Count(const std::string& table) {
    return server_.database().QueryValue("SELECT count(*) FROM " + table);
  }

  LeadServer server_;
  int created_ = 0;
};

TEST_F(LeadServiceTest, HealthReportsServing) {
  auto health = grpc::health::v1::Health::NewStub(server_.channel());
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(health->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(LeadServiceTest, RetriedCreateWithSameRequestIdCreatesOneRow) {
  const auto request = EnterpriseRequest("req-1", "曙光健士医疗器械有限公司");
  lv1::Enterprise first, second;
  ASSERT_TRUE(server_.stub().CreateEnterprise(StaffContext().get(), request, &first).ok());
  ASSERT_TRUE(server_.stub().CreateEnterprise(StaffContext().get(), request, &second).ok());
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());
  EXPECT_EQ(Count("enterprises"), "1");

  // The same id for a different request is refused and writes nothing.
  lv1::Enterprise third;
  grpc::Status status = server_.stub().CreateEnterprise(
      StaffContext().get(), EnterpriseRequest("req-1", "益生科技"), &third);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "request_id");
  EXPECT_EQ(Count("enterprises"), "1");
}

TEST_F(LeadServiceTest, ConcurrentDuplicatesOfOneRequestGetOneRecordAndOneAnswer) {
  const auto request = LeadRequest("storm", CreateEnterprise("益生科技").id());
  constexpr int kCallers = 100;
  std::vector<std::string> answers(kCallers);
  std::vector<grpc::StatusCode> codes(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      lv1::Lead lead;
      codes[i] = server_.stub().CreateLead(StaffContext().get(), request, &lead).error_code();
      answers[i] = lead.id() == 0 ? "" : absl::StrCat(lead.id(), "/", lead.etag());
    });
  }
  for (auto& t : callers) t.join();
  for (int i = 0; i < kCallers; ++i) {
    EXPECT_EQ(codes[i], grpc::StatusCode::OK);
    EXPECT_EQ(answers[i], answers[0]);
  }
  EXPECT_EQ(Count("leads"), "1");
}

// CreateLead is one statement that records its request id with the row it
// created; every way a retry can arrive gets the first answer, byte for byte.
TEST_F(LeadServiceTest, ARetriedCreateLeadGetsTheFirstAnswerWhateverHappenedSince) {
  const auto request = LeadRequest("again-1", CreateEnterprise("九州通医药").id());
  const lv1::Lead first = CreateLead("again-1", request.lead().enterprise_id());
  ASSERT_NE(first.id(), 0);
  lv1::Lead retried;
  ASSERT_TRUE(server_.stub().CreateLead(StaffContext().get(), request, &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());

  // Once the lead is no longer open the statement's checks pass again; the
  // request id's record stops it, and the answer is the lead as created.
  lv1::DropLeadRequest drop;
  drop.set_request_id("again-drop");
  drop.set_lead_id(first.id());
  drop.set_etag(first.etag());
  drop.set_reason("企业改变投资计划");
  lv1::Lead dropped;
  ASSERT_TRUE(server_.stub().DropLead(StaffContext().get(), drop, &dropped).ok());
  retried.Clear();
  ASSERT_TRUE(server_.stub().CreateLead(StaffContext().get(), request, &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(Count("leads"), "1");
  EXPECT_EQ(Count("lead_status_history"), "2");  // created, dropped

  // The same id for another lead is refused by name and writes nothing.
  auto different = request;
  different.mutable_lead()->set_title("另一个项目");
  lv1::Lead refused;
  const grpc::Status status = server_.stub().CreateLead(StaffContext().get(), different, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "request_id");
  EXPECT_EQ(Count("leads"), "1");

  // A record written before CreateLead was one statement holds the answer
  // serialized; a retry across that upgrade gets it from there.
  lv1::Lead recorded_before = first;
  recorded_before.set_description("recorded as bytes");
  server_.database().QueryValue(
      absl::StrCat("UPDATE idempotency_keys SET response_row = NULL, response = decode('",
                   absl::BytesToHexString(recorded_before.SerializeAsString()),
                   "', 'hex') WHERE request_id = 'again-1' RETURNING 1"));
  retried.Clear();
  ASSERT_TRUE(server_.stub().CreateLead(StaffContext().get(), request, &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), recorded_before.SerializeAsString());
}

TEST_F(LeadServiceTest, SameEnterpriseTwiceIsAlreadyExistsNamingTheFirst) {
  const lv1::Enterprise first = CreateEnterprise("美的物流有限公司");
  lv1::Enterprise second;
  grpc::Status status = server_.stub().CreateEnterprise(
      StaffContext().get(), EnterpriseRequest("again", "美的物流 股份有限公司"), &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find(absl::StrCat("enterprise ", first.id())), std::string::npos)
      << status.error_message();
  EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_NAME_EXISTS");

  auto with_code = EnterpriseRequest("code-1", "大参林医药集团");
  with_code.mutable_enterprise()->set_credit_code("91440300708461136T");
  ASSERT_TRUE(server_.stub().CreateEnterprise(StaffContext().get(), with_code, &second).ok());
  with_code.set_request_id("code-2");
  with_code.mutable_enterprise()->set_name("另一个名字");
  status = server_.stub().CreateEnterprise(StaffContext().get(), with_code, &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "ENTERPRISE_CREDIT_CODE_EXISTS");
  EXPECT_EQ(Count("enterprises"), "2");
}

TEST_F(LeadServiceTest, AnEnterpriseWithAnOpenLeadGetsNoSecondOne) {
  const int64_t enterprise_id = CreateEnterprise("华润三九医药").id();
  const lv1::Lead first = CreateLead("open-1", enterprise_id);
  lv1::Lead second;
  grpc::Status status = server_.stub().CreateLead(StaffContext().get(),
                                                  LeadRequest("open-2", enterprise_id), &second);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ErrorReasonOf(status), "LEAD_ALREADY_OPEN");
  EXPECT_NE(status.error_message().find(absl::StrCat("open lead ", first.id())), std::string::npos)
      << status.error_message();
  EXPECT_EQ(Count("leads"), "1");
  EXPECT_EQ(Count("lead_status_history"), "1");
  EXPECT_EQ(Count("idempotency_keys"), "2");  // the enterprise's and the first lead's
}

TEST_F(LeadServiceTest, UpdateWithStaleEtagIsAbortedAndChangesNothing) {
  const lv1::Lead lead = CreateLead("l-1", CreateEnterprise("吉顺电商").id());
  lv1::UpdateLeadRequest update;
  update.set_request_id("u-1");
  *update.mutable_lead() = lead;
  update.mutable_lead()->set_estimated_investment_wan_yuan(45000);
  update.mutable_update_mask()->add_paths("estimated_investment_wan_yuan");
  lv1::Lead updated;
  ASSERT_TRUE(server_.stub().UpdateLead(StaffContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.estimated_investment_wan_yuan(), 45000);
  EXPECT_NE(updated.etag(), lead.etag());

  // A second writer still holding the first etag loses.
  update.set_request_id("u-2");
  update.mutable_lead()->set_estimated_investment_wan_yuan(1);
  lv1::Lead rejected;
  grpc::Status status = server_.stub().UpdateLead(StaffContext().get(), update, &rejected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(server_.database().QueryValue("SELECT estimated_investment_wan_yuan FROM leads"),
            "45000");

  // A mask naming a field that cannot change is refused by name.
  update.set_request_id("u-3");
  *update.mutable_lead() = updated;
  update.mutable_update_mask()->clear_paths();
  update.mutable_update_mask()->add_paths("status");
  status = server_.stub().UpdateLead(StaffContext().get(), update, &rejected);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "update_mask");
}

TEST_F(LeadServiceTest, PagingThroughAThousandLeadsReturnsEachExactlyOnce) {
  server_.database().QueryValue(
      "WITH e AS (INSERT INTO enterprises (name, normalised_name, type, industry) "
      "  SELECT 'E' || g, 'e' || g, 1, 1 FROM generate_series(1, 1000) g RETURNING id) "
      "INSERT INTO leads (title, enterprise_id, channel, industry, estimated_investment_wan_yuan, "
      "  unit_code, collected_date, status) "
      "SELECT 'L' || id, id, 1, 1, id, 'town-daliu', '2026-05-01', 1 FROM e");
  std::set<int64_t> seen;
  std::string token;
  int pages = 0;
  do {
    lv1::ListLeadsRequest request;
    request.set_page_size(37);
    request.set_unit_code("town-daliu");
    request.set_page_token(token);
    lv1::ListLeadsResponse response;
    ASSERT_TRUE(server_.stub().ListLeads(StaffContext().get(), request, &response).ok());
    ASSERT_LE(response.leads_size(), 37);
    for (const auto& lead : response.leads()) {
      EXPECT_TRUE(seen.insert(lead.id()).second) << "lead " << lead.id() << " seen twice";
    }
    token = response.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 100);
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(pages, 28);  // ceil(1000 / 37)

  // A token only works for the filters it was issued with.
  lv1::ListLeadsRequest first;
  first.set_page_size(37);
  lv1::ListLeadsResponse response;
  ASSERT_TRUE(server_.stub().ListLeads(StaffContext().get(), first, &response).ok());
  first.set_page_token(response.next_page_token());
  first.set_office_code("office-fujian");
  grpc::Status status = server_.stub().ListLeads(StaffContext().get(), first, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "page_token");
}

struct BadInput {
  std::string name;
  std::function<grpc::Status(lv1::LeadService::Stub&)> call;
  grpc::StatusCode code;
  std::string field;  // empty when the code carries no field
};

TEST_F(LeadServiceTest, BadInputGetsTheRightCodeAndWritesNothing) {
  const int64_t enterprise_id = CreateEnterprise("国药物流").id();
  const std::string long_name(300, 'x');
  auto lead_with = [&](std::function<void(lv1::CreateLeadRequest&)> change) {
    return [=](lv1::LeadService::Stub& stub) {
      auto request = LeadRequest("bad-" + std::to_string(std::rand()), enterprise_id);
      change(request);
      lv1::Lead lead;
      return stub.CreateLead(StaffContext().get(), request, &lead);
    };
  };
  auto enterprise_with = [&](std::function<void(lv1::CreateEnterpriseRequest&)> change) {
    return [=](lv1::LeadService::Stub& stub) {
      auto request = EnterpriseRequest("bad-e-" + std::to_string(std::rand()), "清华紫荆");
      change(request);
      lv1::Enterprise enterprise;
      return stub.CreateEnterprise(StaffContext().get(), request, &enterprise);
    };
  };
  const std::vector<BadInput> cases = {
      {"missing request id", lead_with([](auto& r) { r.clear_request_id(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "request_id"},
      {"missing title", lead_with([](auto& r) { r.mutable_lead()->clear_title(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.title"},
      {"missing enterprise", lead_with([](auto& r) { r.mutable_lead()->clear_enterprise_id(); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.enterprise_id"},
      {"unknown enterprise",
       lead_with([](auto& r) { r.mutable_lead()->set_enterprise_id(987654); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.enterprise_id"},
      {"negative money",
       lead_with([](auto& r) { r.mutable_lead()->set_estimated_investment_wan_yuan(-100); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.estimated_investment_wan_yuan"},
      {"unknown channel enum",
       lead_with([](auto& r) { r.mutable_lead()->set_channel(static_cast<cv1::Channel>(99)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.channel"},
      {"oversized title", lead_with([&](auto& r) { r.mutable_lead()->set_title(long_name); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.title"},
      {"unknown office code",
       lead_with([](auto& r) { r.mutable_lead()->set_office_code("office-atlantis"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.office_code"},
      {"unknown activity", lead_with([](auto& r) { r.mutable_lead()->set_activity_id(4242); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.activity_id"},
      {"unknown referrer", lead_with([](auto& r) { r.mutable_lead()->set_referrer_id(4343); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.referrer_id"},
      {"bad date", lead_with([](auto& r) { r.mutable_lead()->set_collected_date("2026-02-30"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "lead.collected_date"},
      {"bad credit code", enterprise_with([](auto& r) {
         r.mutable_enterprise()->set_credit_code("91350100M000100Y44");
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "enterprise.credit_code"},
      {"unknown industry", enterprise_with([](auto& r) {
         r.mutable_enterprise()->set_industry(static_cast<cv1::Industry>(77));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "enterprise.industry"},
      {"oversized enterprise name",
       enterprise_with([&](auto& r) { r.mutable_enterprise()->set_name(long_name); }),
       grpc::StatusCode::INVALID_ARGUMENT, "enterprise.name"},
      {"NUL inside a name", enterprise_with([](auto& r) {
         r.mutable_enterprise()->set_name(std::string("清华\0紫荆", 10));
       }),
       grpc::StatusCode::INVALID_ARGUMENT, "enterprise.name"},
      {"NUL inside a list filter",
       [](lv1::LeadService::Stub& stub) {
         lv1::ListLeadsRequest request;
         request.set_unit_code(std::string("town\0", 5));
         lv1::ListLeadsResponse response;
         return stub.ListLeads(StaffContext().get(), request, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "unit_code"},
      {"get unknown lead",
       [](lv1::LeadService::Stub& stub) {
         lv1::GetLeadRequest request;
         request.set_id(5555);
         lv1::Lead lead;
         return stub.GetLead(StaffContext().get(), request, &lead);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      {"negative page size",
       [](lv1::LeadService::Stub& stub) {
         lv1::ListLeadsRequest request;
         request.set_page_size(-3);
         lv1::ListLeadsResponse response;
         return stub.ListLeads(StaffContext().get(), request, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "page_size"},
      {"follow-up on unknown lead",
       [](lv1::LeadService::Stub& stub) {
         lv1::AddFollowUpRequest request;
         request.set_request_id("fu-unknown");
         request.mutable_follow_up()->set_lead_id(777);
         request.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_CONTACT);
         request.mutable_follow_up()->set_content("电话沟通");
         lv1::FollowUp follow_up;
         return stub.AddFollowUp(StaffContext().get(), request, &follow_up);
       },
       grpc::StatusCode::NOT_FOUND, ""},
      {"activity ending before it starts",
       [](lv1::LeadService::Stub& stub) {
         lv1::CreateActivityRequest request;
         request.set_request_id("act-bad");
         auto* a = request.mutable_activity();
         a->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
         a->set_title("赴深圳招商");
         a->set_unit_code("dept-investment");
         a->set_start_date("2026-03-05");
         a->set_end_date("2026-03-01");
         lv1::Activity activity;
         return stub.CreateActivity(StaffContext().get(), request, &activity);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "activity.end_date"},
      {"aggregate without range",
       [](lv1::LeadService::Stub& stub) {
         lv1::AggregateLeadsRequest request;
         lv1::AggregateLeadsResponse response;
         return stub.AggregateLeads(StaffContext().get(), request, &response);
       },
       grpc::StatusCode::INVALID_ARGUMENT, "collected_date_range.start_date"},
  };
  const std::string tables =
      "SELECT (SELECT count(*) FROM enterprises) || '/' || (SELECT count(*) FROM leads) || '/' "
      "|| (SELECT count(*) FROM activities) || '/' || (SELECT count(*) FROM follow_ups) || '/' "
      "|| (SELECT count(*) FROM idempotency_keys) || '/' || (SELECT count(*) FROM "
      "lead_status_history)";
  const std::string before = server_.database().QueryValue(tables);
  for (const BadInput& c : cases) {
    grpc::Status status = c.call(server_.stub());
    EXPECT_EQ(status.error_code(), c.code) << c.name << ": " << status.error_message();
    if (!c.field.empty()) {
      EXPECT_EQ(ViolatedField(status), c.field) << c.name;
    }
    EXPECT_FALSE(status.error_message().empty()) << c.name;
  }
  EXPECT_EQ(server_.database().QueryValue(tables), before);
}

TEST_F(LeadServiceTest, LeadLifecycleFollowUpConvertAndHistory) {
  const int64_t enterprise_id = CreateEnterprise("美的集团").id();
  lv1::Lead lead = CreateLead("life-1", enterprise_id);
  EXPECT_EQ(lead.status(), lv1::LEAD_STATUS_NEW);

  // The same enterprise cannot become a second open lead.
  lv1::Lead duplicate;
  grpc::Status status = server_.stub().CreateLead(StaffContext().get(),
                                                  LeadRequest("life-2", enterprise_id), &duplicate);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(status.error_message().find(absl::StrCat("open lead ", lead.id())), std::string::npos);

  lv1::AddFollowUpRequest follow_up;
  follow_up.set_request_id("fu-1");
  follow_up.mutable_follow_up()->set_lead_id(lead.id());
  follow_up.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_ASSESSMENT);
  follow_up.mutable_follow_up()->set_content("产业匹配度高，市场前景好");
  lv1::FollowUp recorded;
  ASSERT_TRUE(server_.stub().AddFollowUp(StaffContext("analyst").get(), follow_up, &recorded).ok());
  EXPECT_EQ(recorded.author(), "analyst");

  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  ASSERT_TRUE(server_.stub().GetLead(StaffContext().get(), get, &lead).ok());
  EXPECT_EQ(lead.status(), lv1::LEAD_STATUS_FOLLOWING);
  bool assessed = false;
  for (const auto& d : lead.deadlines()) {
    if (d.kind() == lv1::LeadDeadline::KIND_ASSESS) assessed = d.has_met_time();
  }
  EXPECT_TRUE(assessed);

  lv1::ConvertLeadRequest convert;
  convert.set_request_id("conv-1");
  convert.set_lead_id(lead.id());
  convert.set_project_id(501);
  lv1::Lead converted;
  ASSERT_TRUE(server_.stub().ConvertLead(StaffContext().get(), convert, &converted).ok());
  EXPECT_EQ(converted.status(), lv1::LEAD_STATUS_CONVERTED);
  EXPECT_EQ(converted.project_id(), 501);

  // A repair call with a new request id for the same project agrees; a
  // different project is refused naming the current state.
  convert.set_request_id("conv-repair");
  ASSERT_TRUE(server_.stub().ConvertLead(StaffContext().get(), convert, &converted).ok());
  convert.set_request_id("conv-other");
  convert.set_project_id(502);
  status = server_.stub().ConvertLead(StaffContext().get(), convert, &converted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  lv1::DropLeadRequest drop;
  drop.set_request_id("drop-1");
  drop.set_lead_id(lead.id());
  drop.set_etag(converted.etag());
  drop.set_reason("企业改变投资计划");
  status = server_.stub().DropLead(StaffContext().get(), drop, &converted);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("CONVERTED"), std::string::npos);

  lv1::ListLeadStatusHistoryRequest history_request;
  history_request.set_lead_id(lead.id());
  lv1::ListLeadStatusHistoryResponse history;
  ASSERT_TRUE(
      server_.stub().ListLeadStatusHistory(StaffContext().get(), history_request, &history).ok());
  ASSERT_EQ(history.changes_size(), 3);
  EXPECT_EQ(history.changes(0).to_status(), lv1::LEAD_STATUS_NEW);
  EXPECT_EQ(history.changes(1).to_status(), lv1::LEAD_STATUS_FOLLOWING);
  EXPECT_EQ(history.changes(1).changed_by(), "analyst");
  EXPECT_EQ(history.changes(2).to_status(), lv1::LEAD_STATUS_CONVERTED);
}

TEST_F(LeadServiceTest, OverdueLeadsFollowTheConfiguredTimeLimits) {
  const lv1::Lead stale = CreateLead("od-1", CreateEnterprise("A公司").id());
  auto fresh_request = LeadRequest("od-2", CreateEnterprise("B公司").id());
  fresh_request.mutable_lead()->set_follow_up_owner("张三");
  lv1::Lead fresh;
  ASSERT_TRUE(server_.stub().CreateLead(StaffContext().get(), fresh_request, &fresh).ok());
  // The stale lead came in two days ago and nobody was named to follow it.
  server_.database().QueryValue(absl::StrCat(
      "UPDATE leads SET created_at = now() - interval '2 days' WHERE id = ", stale.id()));

  lv1::ListOverdueLeadsRequest request;
  request.set_kind(lv1::LeadDeadline::KIND_RESPOND);
  lv1::ListOverdueLeadsResponse response;
  ASSERT_TRUE(server_.stub().ListOverdueLeads(StaffContext().get(), request, &response).ok());
  ASSERT_EQ(response.leads_size(), 1);
  EXPECT_EQ(response.leads(0).id(), stale.id());

  // Loosen the respond limit to three days: nothing is overdue any more.
  lv1::LeadTimeLimits limits;
  ASSERT_TRUE(server_.stub()
                  .GetLeadTimeLimits(StaffContext().get(), lv1::GetLeadTimeLimitsRequest(), &limits)
                  .ok());
  EXPECT_EQ(limits.respond_hours(), 24);
  lv1::UpdateLeadTimeLimitsRequest update;
  update.set_request_id("limits-1");
  *update.mutable_limits() = limits;
  update.mutable_limits()->set_respond_hours(72);
  ASSERT_TRUE(server_.stub().UpdateLeadTimeLimits(AdminContext().get(), update, &limits).ok());
  response.Clear();
  ASSERT_TRUE(server_.stub().ListOverdueLeads(StaffContext().get(), request, &response).ok());
  EXPECT_EQ(response.leads_size(), 0);
}

TEST_F(LeadServiceTest, DuplicatesAreFoundAndMergedWithARecord) {
  const lv1::Enterprise survivor = CreateEnterprise("曙光健士医疗器械");
  const lv1::Enterprise duplicate = CreateEnterprise("曙光健士医疗器械河南分公司");
  CreateEnterprise("益生科技");
  const lv1::Lead lead = CreateLead("dup-lead", duplicate.id());

  lv1::FindDuplicateEnterprisesResponse found;
  ASSERT_TRUE(server_.stub()
                  .FindDuplicateEnterprises(StaffContext().get(),
                                            lv1::FindDuplicateEnterprisesRequest(), &found)
                  .ok());
  ASSERT_EQ(found.pairs_size(), 1);
  EXPECT_EQ(found.pairs(0).first().id(), survivor.id());
  EXPECT_EQ(found.pairs(0).second().id(), duplicate.id());
  EXPECT_EQ(found.pairs(0).reason(), "SIMILAR_NAME");

  lv1::MergeEnterprisesRequest merge;
  merge.set_request_id("merge-1");
  merge.set_survivor_id(survivor.id());
  merge.set_duplicate_id(duplicate.id());
  merge.set_reason("同一企业");
  lv1::Merge record;
  ASSERT_TRUE(server_.stub().MergeEnterprises(StaffContext("chief").get(), merge, &record).ok());
  EXPECT_EQ(record.moved_summary(), "leads=1 projects=0 activity_contacts=0 referrers=0 fields=");
  EXPECT_EQ(record.merged_by(), "chief");

  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  lv1::Lead moved;
  ASSERT_TRUE(server_.stub().GetLead(StaffContext().get(), get, &moved).ok());
  EXPECT_EQ(moved.enterprise_id(), survivor.id());

  lv1::GetEnterpriseRequest get_enterprise;
  get_enterprise.set_id(duplicate.id());
  lv1::Enterprise merged;
  ASSERT_TRUE(server_.stub().GetEnterprise(StaffContext().get(), get_enterprise, &merged).ok());
  EXPECT_EQ(merged.merged_into_id(), survivor.id());

  lv1::ListMergesResponse merges;
  ASSERT_TRUE(
      server_.stub().ListMerges(StaffContext().get(), lv1::ListMergesRequest(), &merges).ok());
  ASSERT_EQ(merges.merges_size(), 1);
  EXPECT_EQ(merges.merges(0).duplicate_id(), duplicate.id());
}

TEST_F(LeadServiceTest, MergingLeadsMovesFollowUps) {
  const lv1::Lead survivor = CreateLead("m-1", CreateEnterprise("清华紫荆科技").id());
  const lv1::Lead duplicate = CreateLead("m-2", CreateEnterprise("清华紫荆科技园").id());
  lv1::AddFollowUpRequest follow_up;
  follow_up.set_request_id("m-fu");
  follow_up.mutable_follow_up()->set_lead_id(duplicate.id());
  follow_up.mutable_follow_up()->set_kind(lv1::FollowUp::KIND_CONTACT);
  follow_up.mutable_follow_up()->set_content("上门拜访");
  lv1::FollowUp recorded;
  ASSERT_TRUE(server_.stub().AddFollowUp(StaffContext().get(), follow_up, &recorded).ok());

  lv1::FindDuplicateLeadsResponse found;
  ASSERT_TRUE(
      server_.stub()
          .FindDuplicateLeads(StaffContext().get(), lv1::FindDuplicateLeadsRequest(), &found)
          .ok());
  ASSERT_EQ(found.pairs_size(), 1);

  lv1::MergeLeadsRequest merge;
  merge.set_request_id("ml-1");
  merge.set_survivor_id(survivor.id());
  merge.set_duplicate_id(duplicate.id());
  lv1::Merge record;
  ASSERT_TRUE(server_.stub().MergeLeads(StaffContext().get(), merge, &record).ok());
  EXPECT_EQ(record.moved_summary(), "follow_ups=1 status_history=2 deadlines_met=0 fields=");
  EXPECT_EQ(server_.database().QueryValue(
                absl::StrCat("SELECT count(*) FROM follow_ups WHERE lead_id = ", survivor.id())),
            "1");
  EXPECT_EQ(server_.database().QueryValue(
                absl::StrCat("SELECT status FROM leads WHERE id = ", duplicate.id())),
            "5");
}

TEST_F(LeadServiceTest, AggregatesMatchAHandCount) {
  // Three leads: two from Fujian (one in H1, one in July), one from a town.
  auto a = LeadRequest("agg-1", CreateEnterprise("甲").id());
  auto b = LeadRequest("agg-2", CreateEnterprise("乙").id());
  b.mutable_lead()->set_collected_date("2026-07-01");
  auto c = LeadRequest("agg-3", CreateEnterprise("丙").id());
  c.mutable_lead()->clear_office_code();
  c.mutable_lead()->set_unit_code("town-wenshi");
  c.mutable_lead()->set_estimated_investment_wan_yuan(5000);
  for (const auto& request : {a, b, c}) {
    lv1::Lead lead;
    ASSERT_TRUE(server_.stub().CreateLead(StaffContext().get(), request, &lead).ok());
  }
  lv1::AggregateLeadsRequest request;
  request.mutable_collected_date_range()->set_start_date("2026-01-01");
  request.mutable_collected_date_range()->set_end_date("2026-06-30");
  lv1::AggregateLeadsResponse total;
  ASSERT_TRUE(server_.stub().AggregateLeads(StaffContext().get(), request, &total).ok());
  ASSERT_EQ(total.rows_size(), 1);
  EXPECT_EQ(total.rows(0).key(), "total");
  EXPECT_EQ(total.rows(0).count(), 2);
  EXPECT_EQ(total.rows(0).investment_wan_yuan(), 35000);

  request.set_group_by(cv1::GROUP_BY_OFFICE);
  lv1::AggregateLeadsResponse by_office;
  ASSERT_TRUE(server_.stub().AggregateLeads(StaffContext().get(), request, &by_office).ok());
  ASSERT_EQ(by_office.rows_size(), 2);
  EXPECT_EQ(by_office.rows(0).key(), "none");  // the town's lead
  EXPECT_EQ(by_office.rows(1).key(), "office-fujian");
  EXPECT_EQ(by_office.rows(1).count(), 1);

  request.set_group_by(cv1::GROUP_BY_INDUSTRY);
  lv1::AggregateLeadsResponse by_industry;
  ASSERT_TRUE(server_.stub().AggregateLeads(StaffContext().get(), request, &by_industry).ok());
  ASSERT_EQ(by_industry.rows_size(), 1);
  EXPECT_EQ(by_industry.rows(0).key(), "INDUSTRY_MEDICAL_DEVICES");

  // A period with no data is zeros, not an error.
  request.set_group_by(cv1::GROUP_BY_UNSPECIFIED);
  request.mutable_collected_date_range()->set_start_date("2020-01-01");
  request.mutable_collected_date_range()->set_end_date("2020-12-31");
  lv1::AggregateLeadsResponse empty;
  ASSERT_TRUE(server_.stub().AggregateLeads(StaffContext().get(), request, &empty).ok());
  ASSERT_EQ(empty.rows_size(), 1);
  EXPECT_EQ(empty.rows(0).count(), 0);

  // Activities cannot be grouped by channel: refused by name.
  lv1::AggregateActivitiesRequest activities;
  *activities.mutable_start_date_range() = request.collected_date_range();
  activities.set_group_by(cv1::GROUP_BY_CHANNEL);
  lv1::AggregateActivitiesResponse activity_rows;
  grpc::Status status =
      server_.stub().AggregateActivities(StaffContext().get(), activities, &activity_rows);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "group_by");
}

TEST_F(LeadServiceTest, ActivitiesRecordTheEnterprisesMetAndUpdateWithMask) {
  const int64_t midea = CreateEnterprise("美的物流").id();
  const int64_t sinopharm = CreateEnterprise("国药物流").id();
  lv1::CreateActivityRequest request;
  request.set_request_id("act-1");
  auto* a = request.mutable_activity();
  a->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
  a->set_title("赴上海开展产业链招商");
  a->set_office_code("office-yrd");
  a->set_leader_code("leader-district-head");
  a->set_destination("上海市");
  a->set_start_date("2026-03-10");
  a->set_end_date("2026-03-12");
  a->add_enterprise_ids(sinopharm);
  a->add_enterprise_ids(midea);
  lv1::Activity activity;
  ASSERT_TRUE(server_.stub().CreateActivity(StaffContext().get(), request, &activity).ok());
  ASSERT_EQ(activity.enterprise_ids_size(), 2);

  lv1::UpdateActivityRequest update;
  update.set_request_id("act-u");
  *update.mutable_activity() = activity;
  update.mutable_activity()->clear_enterprise_ids();
  update.mutable_activity()->add_enterprise_ids(midea);
  update.mutable_update_mask()->add_paths("enterprise_ids");
  lv1::Activity updated;
  ASSERT_TRUE(server_.stub().UpdateActivity(StaffContext().get(), update, &updated).ok());
  ASSERT_EQ(updated.enterprise_ids_size(), 1);
  EXPECT_EQ(updated.enterprise_ids(0), midea);
  EXPECT_EQ(updated.title(), activity.title());
}

}  // namespace
}  // namespace zs::testing

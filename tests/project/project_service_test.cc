// The project service through a real gRPC channel against PostgreSQL, with
// a real lead service behind it.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <pqxx/pqxx>
#include <thread>

#include "common/validation.h"
#include "services/project/project_rules.h"
#include "tests/project/project_test_util.h"

namespace zs::testing {
namespace {

class ProjectServiceTest : public ::testing::Test {
 protected:
  pv1::Project Get(int64_t id) {
    pv1::GetProjectRequest request;
    request.set_id(id);
    pv1::Project project;
    EXPECT_TRUE(server_.stub().GetProject(StaffContext().get(), request, &project).ok());
    return project;
  }
  int64_t RollOver(int year) {
    pv1::RollOverYearRequest request;
    request.set_request_id(driver_.NextId());
    request.set_year(year);
    pv1::RollOverYearResponse response;
    EXPECT_TRUE(server_.stub().RollOverYear(AdminContext().get(), request, &response).ok());
    return response.marked_continuing();
  }
  std::map<std::string, std::pair<int64_t, int64_t>> Aggregate(pv1::Stage to, cv1::GroupBy by,
                                                               const std::string& from,
                                                               const std::string& until) {
    pv1::AggregateTransitionsRequest request;
    request.mutable_effective_date_range()->set_start_date(from);
    request.mutable_effective_date_range()->set_end_date(until);
    request.set_to_stage(to);
    request.set_group_by(by);
    pv1::AggregateTransitionsResponse response;
    grpc::Status status =
        server_.stub().AggregateTransitions(StaffContext().get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::map<std::string, std::pair<int64_t, int64_t>> rows;
    for (const auto& row : response.rows()) {
      rows[row.key()] = {row.count(), row.investment_wan_yuan()};
    }
    return rows;
  }

  ProjectServer server_;
  ProjectDriver driver_{server_};
};

TEST_F(ProjectServiceTest, EveryLegalAndIllegalStageTransition) {
  using Move = std::function<grpc::Status(int64_t)>;
  const std::vector<std::pair<pv1::Stage, Move>> moves = {
      {pv1::STAGE_NEGOTIATING, [&](int64_t id) { return driver_.StartNegotiation(id); }},
      {pv1::STAGE_SIGNED, [&](int64_t id) { return driver_.Sign(id, 30000); }},
      {pv1::STAGE_TO_START, [&](int64_t id) { return driver_.ScheduleStart(id); }},
      {pv1::STAGE_STARTED, [&](int64_t id) { return driver_.Start(id); }},
      {pv1::STAGE_COMPLETED, [&](int64_t id) { return driver_.Complete(id); }},
      {pv1::STAGE_DROPPED, [&](int64_t id) { return driver_.Drop(id); }},
  };
  // Continuing projects come from the year rollover, so make them first.
  std::deque<int64_t> continuing;
  for (size_t i = 0; i < moves.size(); ++i) {
    const pv1::Project p = driver_.Signed(30000, "2025-03-01");
    ASSERT_TRUE(driver_.Start(p.id(), "2025-06-01").ok());
    continuing.push_back(p.id());
  }
  ASSERT_EQ(RollOver(2025), static_cast<int64_t>(moves.size()));

  auto project_in = [&](pv1::Stage stage) -> int64_t {
    if (stage == pv1::STAGE_CONTINUING) {
      const int64_t id = continuing.front();
      continuing.pop_front();
      return id;
    }
    const pv1::Project p =
        driver_.Create(30000, "park-medical",
                       stage == pv1::STAGE_PROMOTED ? pv1::STAGE_PROMOTED : pv1::STAGE_NEGOTIATING);
    EXPECT_TRUE(driver_.AddMeasure(p.id()).ok());
    switch (stage) {
      case pv1::STAGE_SIGNED:
        EXPECT_TRUE(driver_.Sign(p.id(), 30000).ok());
        break;
      case pv1::STAGE_TO_START:
        EXPECT_TRUE(driver_.Sign(p.id(), 30000).ok());
        EXPECT_TRUE(driver_.ScheduleStart(p.id()).ok());
        break;
      case pv1::STAGE_STARTED:
        EXPECT_TRUE(driver_.Sign(p.id(), 30000).ok());
        EXPECT_TRUE(driver_.Start(p.id()).ok());
        break;
      case pv1::STAGE_COMPLETED:
        EXPECT_TRUE(driver_.Sign(p.id(), 30000).ok());
        EXPECT_TRUE(driver_.Start(p.id()).ok());
        EXPECT_TRUE(driver_.Complete(p.id()).ok());
        break;
      case pv1::STAGE_DROPPED:
        EXPECT_TRUE(driver_.Drop(p.id()).ok());
        break;
      default:
        break;
    }
    return p.id();
  };

  int legal = 0, illegal = 0;
  for (pv1::Stage from :
       {pv1::STAGE_PROMOTED, pv1::STAGE_NEGOTIATING, pv1::STAGE_SIGNED, pv1::STAGE_TO_START,
        pv1::STAGE_STARTED, pv1::STAGE_CONTINUING, pv1::STAGE_COMPLETED, pv1::STAGE_DROPPED}) {
    for (const auto& [to, move] : moves) {
      const int64_t id = project_in(from);
      ASSERT_EQ(Get(id).stage(), from);
      const std::vector<pv1::Stage> sources = project::AllowedSources(to);
      const bool allowed = std::find(sources.begin(), sources.end(), from) != sources.end();
      grpc::Status status = move(id);
      const std::string what = pv1::Stage_Name(from) + " -> " + pv1::Stage_Name(to);
      if (allowed) {
        ++legal;
        EXPECT_TRUE(status.ok()) << what << ": " << status.error_message();
        EXPECT_EQ(Get(id).stage(), to) << what;
      } else {
        ++illegal;
        EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << what;
        EXPECT_NE(status.error_message().find(pv1::Stage_Name(from)), std::string::npos)
            << what << ": " << status.error_message();
        EXPECT_EQ(Get(id).stage(), from) << what;
      }
    }
  }
  EXPECT_EQ(legal, 13);
  EXPECT_EQ(illegal, 35);
}

TEST_F(ProjectServiceTest, SigningNeedsAMeasureAndAnInvestment) {
  const pv1::Project p = driver_.Create();
  grpc::Status status = driver_.Sign(p.id(), 30000);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "NO_MEASURES");
  ASSERT_TRUE(driver_.AddMeasure(p.id()).ok());
  status = driver_.Sign(p.id(), 0);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedField(status), "signed_investment_wan_yuan");
  pv1::Project signed_project;
  ASSERT_TRUE(driver_.Sign(p.id(), 45000, "2026-03-18", 0, &signed_project).ok());
  EXPECT_EQ(signed_project.signed_date(), "2026-03-18");
  EXPECT_EQ(signed_project.total_investment_wan_yuan(), 45000);

  pv1::ListStageTransitionsRequest request;
  request.set_project_id(p.id());
  pv1::ListStageTransitionsResponse transitions;
  ASSERT_TRUE(
      server_.stub().ListStageTransitions(StaffContext().get(), request, &transitions).ok());
  ASSERT_EQ(transitions.transitions_size(), 2);
  const auto& signing = transitions.transitions(1);
  EXPECT_EQ(signing.to_stage(), pv1::STAGE_SIGNED);
  EXPECT_EQ(signing.effective_date(), "2026-03-18");
  EXPECT_EQ(signing.investment_wan_yuan(), 45000);
  EXPECT_EQ(signing.actor(), "staff-test");
}

pv1::ConvertLeadToProjectRequest Conversion(const std::string& request_id, int64_t lead_id) {
  pv1::ConvertLeadToProjectRequest request;
  request.set_request_id(request_id);
  request.set_lead_id(lead_id);
  request.mutable_project()->set_unit_code("park-medical");
  return request;
}

TEST_F(ProjectServiceTest, ConversionHappensExactlyOnceUnderRetry) {
  lv1::Lead lead;
  ASSERT_TRUE(
      server_.lead()
          .stub()
          .CreateLead(StaffContext().get(), LeadRequest("conv-lead", driver_.enterprise()), &lead)
          .ok());
  pv1::Project first, retried, other_id;
  ASSERT_TRUE(server_.stub()
                  .ConvertLeadToProject(StaffContext().get(), Conversion("c-1", lead.id()), &first)
                  .ok());
  EXPECT_EQ(first.stage(), pv1::STAGE_NEGOTIATING);
  EXPECT_EQ(first.lead_id(), lead.id());
  EXPECT_EQ(first.total_investment_wan_yuan(), lead.estimated_investment_wan_yuan());
  EXPECT_FALSE(first.lead_conversion_pending());
  ASSERT_TRUE(
      server_.stub()
          .ConvertLeadToProject(StaffContext().get(), Conversion("c-1", lead.id()), &retried)
          .ok());
  // Even a second conversion under a new id finds the same project.
  ASSERT_TRUE(
      server_.stub()
          .ConvertLeadToProject(StaffContext().get(), Conversion("c-2", lead.id()), &other_id)
          .ok());
  EXPECT_EQ(retried.id(), first.id());
  EXPECT_EQ(other_id.id(), first.id());
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM projects"), "1");
  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  ASSERT_TRUE(server_.lead().stub().GetLead(StaffContext().get(), get, &lead).ok());
  EXPECT_EQ(lead.status(), lv1::LEAD_STATUS_CONVERTED);
  EXPECT_EQ(lead.project_id(), first.id());
}

TEST(ProjectConversion, CompletesAfterTheLeadServiceFailsMidwayAndRestarts) {
  // A short lead deadline, so a lead service stuck mid-call is given up on.
  ProjectServer server(absl::Milliseconds(500));
  ProjectDriver driver(server);
  lv1::Lead lead;
  ASSERT_TRUE(
      server.lead()
          .stub()
          .CreateLead(StaffContext().get(), LeadRequest("mid-lead", driver.enterprise()), &lead)
          .ok());

  // The lead service answers reads but cannot write leads: the conversion
  // gets past reading the lead and creating the project, then fails.
  pqxx::connection blocker(server.lead().database().service_conninfo());
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE leads IN EXCLUSIVE MODE");
  pv1::Project project;
  grpc::Status status = server.stub().ConvertLeadToProject(
      StaffContext().get(), Conversion("mid-1", lead.id()), &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE) << status.error_message();
  lock.abort();
  EXPECT_EQ(
      server.database().QueryValue("SELECT count(*) FROM projects WHERE lead_conversion_pending"),
      "1");

  // Now the lead service is down entirely: repair cannot finish either.
  server.StopLead();
  pv1::RepairLeadConversionsRequest repair;
  repair.set_request_id("repair-1");
  pv1::RepairLeadConversionsResponse repaired;
  ASSERT_TRUE(server.stub().RepairLeadConversions(StaffContext().get(), repair, &repaired).ok());
  EXPECT_EQ(repaired.repaired(), 0);
  EXPECT_EQ(repaired.still_pending(), 1);
  status = server.stub().ConvertLeadToProject(StaffContext().get(), Conversion("mid-1", lead.id()),
                                              &project);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);

  // Restarted: the caller retries with the same request id, with backoff as
  // any client does while the channel reconnects, and that finishes the job.
  server.RestartLead();
  for (int attempt = 0; attempt < 60; ++attempt) {
    status = server.stub().ConvertLeadToProject(StaffContext().get(),
                                                Conversion("mid-1", lead.id()), &project);
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_FALSE(project.lead_conversion_pending());
  EXPECT_EQ(server.database().QueryValue("SELECT count(*) FROM projects"), "1");
  lv1::GetLeadRequest get;
  get.set_id(lead.id());
  ASSERT_TRUE(server.lead().stub().GetLead(StaffContext().get(), get, &lead).ok());
  EXPECT_EQ(lead.status(), lv1::LEAD_STATUS_CONVERTED);
  EXPECT_EQ(lead.project_id(), project.id());
}

TEST_F(ProjectServiceTest, RequestDeadlinesCountWorkingDaysAcrossWeekendsAndHolidays) {
  pv1::SetHolidaysRequest holidays;
  holidays.set_request_id("cal-2026");
  holidays.set_year(2026);
  for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}) {
    holidays.add_holiday_dates(d);
  }
  holidays.add_working_weekends("2026-10-10");
  pv1::SetHolidaysResponse set;
  ASSERT_TRUE(server_.stub().SetHolidays(AdminContext().get(), holidays, &set).ok());

  const int64_t project_id = driver_.Create().id();
  auto raise = [&](const std::string& raised, int days) {
    pv1::CreateEnterpriseRequestRequest request;
    request.set_request_id(driver_.NextId());
    auto* r = request.mutable_enterprise_request();
    r->set_project_id(project_id);
    r->set_category("用地");
    r->set_content("协调土地指标");
    r->set_unit_code("dept-development");
    r->set_time_limit_working_days(days);
    r->set_raised_date(raised);
    r->set_agency_service(true);
    pv1::EnterpriseRequest created;
    EXPECT_TRUE(
        server_.stub().CreateEnterpriseRequest(StaffContext().get(), request, &created).ok());
    return created;
  };
  EXPECT_EQ(raise("2026-11-20", 1).due_date(), "2026-11-23");  // Friday → Monday
  EXPECT_EQ(raise("2026-09-30", 2).due_date(), "2026-10-09");  // over National Day
  EXPECT_EQ(raise("2026-09-30", 3).due_date(), "2026-10-10");  // a Saturday worked in lieu
  const pv1::EnterpriseRequest late = raise("2026-11-02", 3);
  EXPECT_EQ(late.due_date(), "2026-11-05");
  EXPECT_TRUE(late.overdue());

  pv1::ListEnterpriseRequestsRequest overdue;
  overdue.set_overdue_only(true);
  pv1::ListEnterpriseRequestsResponse listed;
  ASSERT_TRUE(server_.stub().ListEnterpriseRequests(StaffContext().get(), overdue, &listed).ok());
  // All four are past due by now (the latest fell due on 2026-11-23).
  EXPECT_EQ(listed.enterprise_requests_size(), 4);

  pv1::SettleEnterpriseRequestRequest settle;
  settle.set_request_id(driver_.NextId());
  settle.set_id(late.id());
  settle.set_etag(late.etag());
  settle.set_resolution("已协调落实");
  pv1::EnterpriseRequest settled;
  ASSERT_TRUE(server_.stub().SettleEnterpriseRequest(StaffContext().get(), settle, &settled).ok());
  EXPECT_EQ(settled.state(), pv1::REQUEST_STATE_SETTLED);
  EXPECT_FALSE(settled.overdue());
  pv1::StartEnterpriseRequestRequest restart;
  restart.set_request_id(driver_.NextId());
  restart.set_id(late.id());
  restart.set_etag(settled.etag());
  grpc::Status status =
      server_.stub().StartEnterpriseRequest(StaffContext().get(), restart, &settled);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ProjectServiceTest, AggregatesMatchAHandCountOverTwoHundredProjects) {
  const std::vector<std::string> units = {"park-medical", "park-logistics", "town-daliu",
                                          "dept-investment"};
  struct Tally {
    int64_t count = 0;
    int64_t money = 0;
  };
  std::map<std::string, Tally> signed_h1_by_unit, started_h1_by_unit;
  Tally signed_h1, started_h1, ge_1yi, ge_10yi;
  for (int i = 0; i < 210; ++i) {
    const std::string unit = units[i % units.size()];
    const int64_t investment = 3000 + (i * 7919) % 140000;  // 0.3亿 .. 14.3亿
    // Signed on day i of 2026 (Jan 1 + i), some started ten days later.
    const absl::CivilDay signed_day = absl::CivilDay(2026, 1, 1) + i;
    const pv1::Project p = driver_.Signed(investment, FormatDate(signed_day), 0, unit);
    const bool in_h1 = signed_day <= absl::CivilDay(2026, 6, 30);
    if (in_h1) {
      signed_h1.count++;
      signed_h1.money += investment;
      signed_h1_by_unit[unit].count++;
      signed_h1_by_unit[unit].money += investment;
    }
    if (i % 3 == 0) {
      const absl::CivilDay start_day = signed_day + 10;
      ASSERT_TRUE(driver_.Start(p.id(), FormatDate(start_day)).ok());
      if (start_day <= absl::CivilDay(2026, 6, 30)) {
        started_h1.count++;
        started_h1.money += investment;
        started_h1_by_unit[unit].count++;
        started_h1_by_unit[unit].money += investment;
        if (investment >= 10000) ge_1yi.count++;
        if (investment >= 100000) ge_10yi.count++;
      }
    }
  }
  // Counting rules: a capital increase adds money, not a project; a
  // re-signing at a later fair adds nothing.
  const pv1::Project grown = driver_.Signed(20000, "2026-02-01", 0, "town-daliu");
  signed_h1.count++;
  signed_h1.money += 20000;
  pv1::RecordCapitalIncreaseRequest increase;
  increase.set_request_id("grow");
  increase.set_project_id(grown.id());
  increase.set_etag(grown.etag());
  increase.set_increment_wan_yuan(5000);
  increase.set_effective_date("2026-05-01");
  pv1::Project after;
  ASSERT_TRUE(server_.stub().RecordCapitalIncrease(StaffContext().get(), increase, &after).ok());
  EXPECT_EQ(after.total_investment_wan_yuan(), 25000);
  signed_h1.money += 5000;
  pv1::RecordResigningRequest resign;
  resign.set_request_id("resign");
  resign.set_project_id(grown.id());
  resign.set_etag(after.etag());
  resign.set_activity_id(77);
  resign.set_effective_date("2026-05-20");
  ASSERT_TRUE(server_.stub().RecordResigning(StaffContext().get(), resign, &after).ok());

  const auto total =
      Aggregate(pv1::STAGE_SIGNED, cv1::GROUP_BY_UNSPECIFIED, "2026-01-01", "2026-06-30");
  EXPECT_EQ(total.at("total").first, signed_h1.count);
  EXPECT_EQ(total.at("total").second, signed_h1.money);
  const auto by_unit =
      Aggregate(pv1::STAGE_STARTED, cv1::GROUP_BY_UNIT, "2026-01-01", "2026-06-30");
  for (const auto& [unit, tally] : started_h1_by_unit) {
    EXPECT_EQ(by_unit.at(unit).first, tally.count) << unit;
    EXPECT_EQ(by_unit.at(unit).second, tally.money) << unit;
  }
  const auto bands =
      Aggregate(pv1::STAGE_STARTED, cv1::GROUP_BY_INVESTMENT_BAND, "2026-01-01", "2026-06-30");
  EXPECT_EQ(bands.at("all").first, started_h1.count);
  EXPECT_EQ(bands.at("all").second, started_h1.money);
  EXPECT_EQ(bands.at("ge_1yi").first, ge_1yi.count);
  EXPECT_EQ(bands.at("ge_10yi").first, ge_10yi.count);
  // The signed breakdown by unit sums to the total.
  int64_t count = 0, money = 0;
  for (const auto& [unit, row] :
       Aggregate(pv1::STAGE_SIGNED, cv1::GROUP_BY_UNIT, "2026-01-01", "2026-06-30")) {
    count += row.first;
    money += row.second;
  }
  EXPECT_EQ(count, signed_h1.count);
  EXPECT_EQ(money, signed_h1.money);
  // An empty period is zeros, not an error.
  const auto empty =
      Aggregate(pv1::STAGE_SIGNED, cv1::GROUP_BY_UNSPECIFIED, "2019-01-01", "2019-12-31");
  EXPECT_EQ(empty.at("total"), std::make_pair(int64_t{0}, int64_t{0}));
}

TEST_F(ProjectServiceTest, YearRolloverIsIdempotentAndFeedsContinuingFigures) {
  for (int64_t investment : {20000, 150000}) {
    const pv1::Project p = driver_.Signed(investment, "2025-02-01");
    ASSERT_TRUE(driver_.Start(p.id(), "2025-04-01").ok());
  }
  const pv1::Project completed = driver_.Signed(9000, "2025-02-01");
  ASSERT_TRUE(driver_.Start(completed.id(), "2025-03-01").ok());
  ASSERT_TRUE(driver_.Complete(completed.id(), "2025-12-20").ok());  // done before 2026
  EXPECT_EQ(RollOver(2025), 2);
  EXPECT_EQ(RollOver(2025), 2);  // a second run, another request id: nothing more
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM transitions WHERE kind = 5"), "2");

  pv1::AggregateContinuingRequest request;
  request.set_year(2026);
  request.set_group_by(cv1::GROUP_BY_INVESTMENT_BAND);
  pv1::AggregateContinuingResponse response;
  ASSERT_TRUE(server_.stub().AggregateContinuing(StaffContext().get(), request, &response).ok());
  ASSERT_EQ(response.rows_size(), 3);
  EXPECT_EQ(response.rows(0).count(), 2);
  EXPECT_EQ(response.rows(0).investment_wan_yuan(), 170000);
  EXPECT_EQ(response.rows(2).key(), "ge_10yi");
  EXPECT_EQ(response.rows(2).count(), 1);
}

TEST_F(ProjectServiceTest, FundsBeyondTheInvestmentAreKeptWithAWarning) {
  const pv1::Project p = driver_.Signed(10000, "2026-05-01");  // funds arrive after signing
  auto record = [&](int64_t amount) {
    pv1::RecordFundsRequest request;
    request.set_request_id(driver_.NextId());
    request.mutable_funds()->set_project_id(p.id());
    request.mutable_funds()->set_amount_wan_yuan(amount);
    request.mutable_funds()->set_arrival_date("2026-06-01");
    pv1::FundsRecord funds;
    EXPECT_TRUE(server_.stub().RecordFunds(StaffContext().get(), request, &funds).ok());
    return funds;
  };
  EXPECT_EQ(record(6000).warning(), "");
  EXPECT_NE(record(6000).warning().find("12000"), std::string::npos);
  EXPECT_EQ(Get(p.id()).paid_in_wan_yuan(), 12000);
}

TEST_F(ProjectServiceTest, BadInputGetsTheRightCodeAndWritesNothing) {
  const int64_t project_id = driver_.Create().id();
  const std::string before = server_.database().QueryValue(
      "SELECT (SELECT count(*) FROM projects) || '/' || (SELECT count(*) FROM transitions) || "
      "'/' || (SELECT count(*) FROM idempotency_keys) || '/' || (SELECT count(*) FROM "
      "ledger_entries)");
  auto create_with = [&](std::function<void(pv1::Project&)> change) {
    pv1::CreateProjectRequest request;
    request.set_request_id(driver_.NextId());
    pv1::Project* p = request.mutable_project();
    p->set_name("坏项目");
    p->set_enterprise_id(driver_.enterprise());
    p->set_industry(cv1::INDUSTRY_ELECTRONIC_INFORMATION);
    p->set_total_investment_wan_yuan(1000);
    p->set_unit_code("park-electronic");
    change(*p);
    pv1::Project out;
    return server_.stub().CreateProject(StaffContext().get(), request, &out);
  };
  struct Case {
    std::string name;
    grpc::Status status;
    grpc::StatusCode code;
    std::string field;
  };
  pv1::Project out;
  pv1::StartProjectRequest start_unknown;
  start_unknown.set_request_id(driver_.NextId());
  start_unknown.set_project_id(999999);
  pv1::AddLedgerEntryRequest empty_entry;
  empty_entry.set_request_id(driver_.NextId());
  empty_entry.mutable_entry()->set_project_id(project_id);
  empty_entry.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_PROGRESS);
  pv1::LedgerEntry entry;
  pv1::StartProjectRequest future;
  future.set_request_id(driver_.NextId());
  future.set_project_id(project_id);
  future.set_etag(driver_.Etag(project_id));
  future.set_started_date("2099-01-01");
  const std::vector<Case> cases = {
      {"unknown enterprise", create_with([](auto& p) { p.set_enterprise_id(424242); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.enterprise_id"},
      {"negative money", create_with([](auto& p) { p.set_total_investment_wan_yuan(-1); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.total_investment_wan_yuan"},
      {"unknown park", create_with([](auto& p) { p.set_park_code("park-moon"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.park_code"},
      {"unknown leader", create_with([](auto& p) { p.set_leader_code("leader-nobody"); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.leader_code"},
      {"unknown chain action",
       create_with([](auto& p) { p.set_chain_action(static_cast<cv1::ChainAction>(9)); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.chain_action"},
      {"created already signed", create_with([](auto& p) { p.set_stage(pv1::STAGE_SIGNED); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.stage"},
      {"oversized name", create_with([](auto& p) { p.set_name(std::string(500, 'x')); }),
       grpc::StatusCode::INVALID_ARGUMENT, "project.name"},
      {"start unknown project",
       server_.stub().StartProject(StaffContext().get(), start_unknown, &out),
       grpc::StatusCode::NOT_FOUND, ""},
      {"ledger entry without content",
       server_.stub().AddLedgerEntry(StaffContext().get(), empty_entry, &entry),
       grpc::StatusCode::INVALID_ARGUMENT, "entry.content"},
      {"start negotiating project in the future",
       server_.stub().StartProject(StaffContext().get(), future, &out),
       grpc::StatusCode::FAILED_PRECONDITION, ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.status.error_code(), c.code) << c.name << ": " << c.status.error_message();
    if (!c.field.empty()) {
      EXPECT_EQ(ViolatedField(c.status), c.field) << c.name;
    }
  }
  EXPECT_EQ(server_.database().QueryValue(
                "SELECT (SELECT count(*) FROM projects) || '/' || (SELECT count(*) FROM "
                "transitions) || '/' || (SELECT count(*) FROM idempotency_keys) || '/' || "
                "(SELECT count(*) FROM ledger_entries)"),
            before);
}

TEST_F(ProjectServiceTest, ADependencyDownIsUnavailableNotAWrongAnswer) {
  const int64_t enterprise = driver_.enterprise();
  server_.StopLead();
  pv1::CreateProjectRequest request;
  request.set_request_id("while-down");
  request.mutable_project()->set_name("依赖不可用");
  request.mutable_project()->set_enterprise_id(enterprise);
  request.mutable_project()->set_industry(cv1::INDUSTRY_OTHER);
  request.mutable_project()->set_unit_code("town-daliu");
  pv1::Project out;
  grpc::Status status = server_.stub().CreateProject(StaffContext().get(), request, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("lead service"), std::string::npos);
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM projects"), "0");
}

}  // namespace
}  // namespace zs::testing

namespace zs::testing {
namespace {

TEST(ProjectUpdate, MaskEtagAndInvestmentRules) {
  ProjectServer server;
  ProjectDriver driver(server);
  const pv1::Project negotiating = driver.Create(20000);
  pv1::UpdateProjectRequest update;
  update.set_request_id("upd-1");
  *update.mutable_project() = negotiating;
  update.mutable_project()->set_name("改名后的项目");
  update.mutable_project()->set_total_investment_wan_yuan(26000);
  update.mutable_update_mask()->add_paths("name");
  update.mutable_update_mask()->add_paths("total_investment_wan_yuan");
  pv1::Project updated;
  ASSERT_TRUE(server.stub().UpdateProject(StaffContext().get(), update, &updated).ok());
  EXPECT_EQ(updated.name(), "改名后的项目");
  EXPECT_EQ(updated.total_investment_wan_yuan(), 26000);

  update.set_request_id("upd-stale");  // still the first etag
  grpc::Status status = server.stub().UpdateProject(StaffContext().get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);

  // After signing, investment changes only through a capital increase.
  const pv1::Project signed_project = driver.Signed(30000);
  update.set_request_id("upd-signed");
  *update.mutable_project() = signed_project;
  update.mutable_project()->set_total_investment_wan_yuan(99000);
  update.mutable_update_mask()->clear_paths();
  update.mutable_update_mask()->add_paths("total_investment_wan_yuan");
  status = server.stub().UpdateProject(StaffContext().get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReasonOf(status), "INVESTMENT_FIXED_AFTER_SIGNING");

  pv1::ListProjectsRequest list;
  list.set_stage(pv1::STAGE_SIGNED);
  pv1::ListProjectsResponse listed;
  ASSERT_TRUE(server.stub().ListProjects(StaffContext().get(), list, &listed).ok());
  ASSERT_EQ(listed.projects_size(), 1);
  EXPECT_EQ(listed.projects(0).id(), signed_project.id());
}

}  // namespace
}  // namespace zs::testing

// The maintained rollups are exact (#20). Random histories go through the
// services — leads created late, re-keyed, dropped and merged; activities;
// projects signed, started, completed and dropped across year boundaries,
// re-signed, capital increased, handed over, their investor changed and
// funds recorded; writes refused by the services and transactions rolled
// back — while a fold job runs beside the writers. Then, for random periods
// and every breakdown, every aggregate the services answer from the rollups
// equals the same aggregate computed from the records; again once every
// delta is folded; and a rebuild finds nothing to mend.
#include "common/report_rollup.h"

#include <gtest/gtest.h>

#include <atomic>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/clock.h"
#include "common/validation.h"
#include "services/lead/aggregate_store.h"
#include "services/project/aggregate_store.h"
#include "tests/lead/lead_test_util.h"
#include "tests/project/project_test_util.h"
#include "tests/support/reporting_server.h"
#include "tests/support/service_migrations.h"

namespace zs::testing {
namespace {

namespace pv1 = ::zhaoshang::project::v1;

constexpr const char* kUnits[] = {"park-medical", "town-wenshi", "park-logistics"};
constexpr const char* kOffices[] = {"office-fujian", "office-yrd"};
constexpr const char* kLeaders[] = {"leader-deputy-head-1", "leader-deputy-head-2"};
// Either side of the bands' bounds (1亿, 10亿 in 万元).
constexpr int64_t kInvestments[] = {0, 800, 9'999, 10'000, 60'000, 100'000, 250'000};

// Folds the deltas of both schemas in small batches until stopped: the
// background job, at its busiest.
class BusyFolder {
 public:
  explicit BusyFolder(std::vector<std::string> conninfos) {
    thread_ = std::thread([this, conninfos] {
      std::vector<std::unique_ptr<pqxx::connection>> connections;
      for (const std::string& c : conninfos) {
        connections.push_back(std::make_unique<pqxx::connection>(c));
      }
      while (!stop_) {
        for (auto& connection : connections) {
          pqxx::work tx(*connection);
          folded_ += FoldReportDeltas(tx, 5).folded;
          tx.commit();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
  }
  long Stop() {
    stop_ = true;
    thread_.join();
    return folded_;
  }

 private:
  std::atomic<bool> stop_ = false;
  std::atomic<long> folded_ = 0;
  std::thread thread_;
};

class ReportRollupTest : public ::testing::TestWithParam<int> {
 protected:
  ReportRollupTest() : random_(GetParam()), projects_(server_.projects()) {}

  lv1::LeadService::Stub& leads() { return server_.projects().lead().stub(); }
  pv1::ProjectService::Stub& project_stub() { return server_.projects().stub(); }

  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(random_)];
  }
  template <typename T, size_t N>
  T Pick(const T (&items)[N]) {
    return items[std::uniform_int_distribution<size_t>(0, N - 1)(random_)];
  }
  int Between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  // A business day from 2023 to today, or `after` plus up to a year.
  std::string Day(absl::CivilDay after = absl::CivilDay(2023, 1, 1)) {
    absl::CivilDay day = after + Between(after == absl::CivilDay(2023, 1, 1) ? 0 : 1, 400);
    return FormatDate(std::min(day, TodayInChina()));
  }
  std::string Id() { return absl::StrCat("rollup-", GetParam(), "-", ++requests_); }

  void CreateLead() {
    // An enterprise has one open lead at a time: mostly a new one.
    if (Between(0, 3) > 0) {
      enterprises_.push_back(
          server_.projects().CreateEnterprise(absl::StrCat("滚动企业", enterprises_.size())));
    }
    lv1::CreateLeadRequest request = LeadRequest(Id(), enterprises_.back());
    lv1::Lead* lead = request.mutable_lead();
    lead->set_industry(static_cast<cv1::Industry>(Between(1, 4)));
    lead->set_chain_action(static_cast<cv1::ChainAction>(Between(0, 3)));
    lead->set_estimated_investment_wan_yuan(Pick(kInvestments));
    if (Between(0, 1) == 0) {
      lead->clear_office_code();
      lead->set_unit_code(Pick(kUnits));
    } else {
      lead->set_office_code(Pick(kOffices));
    }
    lead->set_collected_date(Day());
    lv1::Lead created;
    if (leads().CreateLead(StaffContext().get(), request, &created).ok()) {
      lead_ids_.push_back(created.id());
    }
  }

  lv1::Lead GetLead(int64_t id) {
    lv1::GetLeadRequest request;
    request.set_id(id);
    lv1::Lead lead;
    leads().GetLead(StaffContext().get(), request, &lead);
    return lead;
  }

  void ChangeLead() {
    if (lead_ids_.empty()) return;
    const lv1::Lead lead = GetLead(Pick(lead_ids_));
    switch (Between(0, 3)) {
      case 0: {  // re-keyed: another industry, investment, day (a late correction)
        lv1::UpdateLeadRequest request;
        request.set_request_id(Id());
        request.mutable_lead()->set_id(lead.id());
        request.mutable_lead()->set_etag(lead.etag());
        request.mutable_lead()->set_industry(static_cast<cv1::Industry>(Between(1, 4)));
        request.mutable_lead()->set_estimated_investment_wan_yuan(Pick(kInvestments));
        request.mutable_lead()->set_collected_date(Day());
        for (const char* path : {"industry", "estimated_investment_wan_yuan", "collected_date"}) {
          request.mutable_update_mask()->add_paths(path);
        }
        lv1::Lead updated;
        leads().UpdateLead(StaffContext().get(), request, &updated);
        break;
      }
      case 1: {
        lv1::DropLeadRequest request;
        request.set_request_id(Id());
        request.set_lead_id(lead.id());
        request.set_etag(lead.etag());
        request.set_reason("企业无投资意向");
        lv1::Lead dropped;
        leads().DropLead(StaffContext().get(), request, &dropped);
        break;
      }
      case 2: {  // merged into another lead as its duplicate
        lv1::MergeLeadsRequest request;
        request.set_request_id(Id());
        request.set_survivor_id(Pick(lead_ids_));
        request.set_duplicate_id(lead.id());
        request.set_reason("重复线索");
        lv1::Merge merge;
        if (leads().MergeLeads(AdminContext().get(), request, &merge).ok()) ++merged_;
        break;
      }
      default: {  // a stale etag: refused, nothing changes
        lv1::DropLeadRequest request;
        request.set_request_id(Id());
        request.set_lead_id(lead.id());
        request.set_etag("\"stale\"");
        request.set_reason("过期的读取");
        lv1::Lead dropped;
        EXPECT_FALSE(leads().DropLead(StaffContext().get(), request, &dropped).ok());
      }
    }
  }

  void CreateActivity() {
    lv1::CreateActivityRequest request;
    request.set_request_id(Id());
    lv1::Activity* a = request.mutable_activity();
    a->set_kind(static_cast<lv1::ActivityKind>(Between(1, 2)));
    a->set_title("赴外招商");
    if (Between(0, 1) == 0) {
      a->set_unit_code(Pick(kUnits));
    } else {
      a->set_office_code(Pick(kOffices));
    }
    if (Between(0, 1) == 0) a->set_leader_code(Pick(kLeaders));
    a->set_start_date(Day());
    a->set_end_date(a->start_date());
    lv1::Activity created;
    leads().CreateActivity(StaffContext().get(), request, &created);
  }

  pv1::Project GetProject(int64_t id) {
    pv1::GetProjectRequest request;
    request.set_id(id);
    pv1::Project project;
    project_stub().GetProject(StaffContext().get(), request, &project);
    return project;
  }

  // The day of the project's latest stage change: the floor of its next.
  absl::CivilDay LatestDay(const pv1::Project& p) {
    std::string latest = p.signed_date();
    for (const std::string& d : {p.started_date(), p.completed_date()})
      latest = std::max(latest, d);
    return latest.empty() ? absl::CivilDay(2023, 1, 1) : ParseDateOrDie(latest);
  }

  void CreateProject() {
    pv1::CreateProjectRequest request;
    request.set_request_id(Id());
    pv1::Project* p = request.mutable_project();
    p->set_name(absl::StrCat("滚动项目", requests_));
    p->set_enterprise_id(Pick(enterprises_));
    p->set_industry(static_cast<cv1::Industry>(Between(1, 4)));
    p->set_chain_action(static_cast<cv1::ChainAction>(Between(0, 3)));
    if (Between(0, 2) > 0) p->set_park_code("park-medical");
    p->set_total_investment_wan_yuan(Pick(kInvestments));
    p->set_unit_code(Pick(kUnits));
    if (Between(0, 1) == 0) p->set_leader_code(Pick(kLeaders));
    p->set_stage(pv1::STAGE_NEGOTIATING);
    request.set_effective_date(Day(absl::CivilDay(2023, 1, 1)));
    pv1::Project created;
    if (project_stub().CreateProject(StaffContext().get(), request, &created).ok()) {
      project_ids_.push_back(created.id());
      projects_.AddMeasure(created.id());
    }
  }

  void ChangeProject() {
    if (project_ids_.empty()) return;
    const pv1::Project p = GetProject(Pick(project_ids_));
    const std::string next = Day(LatestDay(p));
    if (Between(0, 1) == 0) {  // half the time, the project's next stage
      switch (p.stage()) {
        case pv1::STAGE_NEGOTIATING:
          projects_.Sign(p.id(), Pick(kInvestments), next);
          return;
        case pv1::STAGE_SIGNED:
          projects_.Start(p.id(), next);
          return;
        case pv1::STAGE_STARTED:
          if (Between(0, 2) == 0) projects_.Complete(p.id(), next);
          return;
        default:
          break;
      }
    }
    switch (Between(0, 9)) {
      case 0:
      case 1:
        projects_.Sign(p.id(), Pick(kInvestments), next);
        break;
      case 2:
        projects_.Start(p.id(), next);
        break;
      case 3:
        projects_.Complete(p.id(), next);
        break;
      case 4:
        projects_.Drop(p.id(), next);
        break;
      case 5: {
        pv1::RecordCapitalIncreaseRequest request;
        request.set_request_id(Id());
        request.set_project_id(p.id());
        request.set_etag(p.etag());
        request.set_increment_wan_yuan(Pick(kInvestments) + 1);
        request.set_effective_date(next);
        pv1::Project out;
        project_stub().RecordCapitalIncrease(StaffContext().get(), request, &out);
        break;
      }
      case 6: {
        pv1::ChangeInvestorRequest request;
        request.set_request_id(Id());
        request.set_project_id(p.id());
        request.set_etag(p.etag());
        request.set_new_enterprise_id(Pick(enterprises_));
        request.set_effective_date(next);
        pv1::Project out;
        project_stub().ChangeInvestor(StaffContext().get(), request, &out);
        break;
      }
      case 7: {  // handed over: every figure of the project moves unit
        pv1::HandOverProjectRequest request;
        request.set_request_id(Id());
        request.set_project_id(p.id());
        request.set_etag(p.etag());
        request.set_unit_code(Pick(kUnits));
        request.set_reason("调整责任单位");
        pv1::Project out;
        project_stub().HandOverProject(AdminContext().get(), request, &out);
        break;
      }
      case 8: {
        pv1::UpdateProjectRequest request;
        request.set_request_id(Id());
        request.mutable_project()->set_id(p.id());
        request.mutable_project()->set_etag(p.etag());
        request.mutable_project()->set_industry(static_cast<cv1::Industry>(Between(1, 4)));
        request.mutable_project()->set_leader_code(Pick(kLeaders));
        request.mutable_update_mask()->add_paths("industry");
        request.mutable_update_mask()->add_paths("leader_code");
        pv1::Project out;
        project_stub().UpdateProject(StaffContext().get(), request, &out);
        break;
      }
      default: {
        pv1::RecordFundsRequest request;
        request.set_request_id(Id());
        request.mutable_funds()->set_project_id(p.id());
        request.mutable_funds()->set_arrival_date(next);
        request.mutable_funds()->set_amount_wan_yuan(Pick(kInvestments) + 1);
        pv1::FundsRecord out;
        project_stub().RecordFunds(StaffContext().get(), request, &out);
      }
    }
  }

  // A transaction that changes records and then fails: its deltas go too.
  void RollBack() {
    pqxx::connection lead(server_.projects().lead().database().service_conninfo());
    pqxx::work tx(lead);
    tx.exec("UPDATE leads SET industry = 1 + industry % 4, collected_date = '2024-02-29'");
    tx.abort();
    pqxx::connection project(server_.projects().database().service_conninfo());
    pqxx::work ptx(project);
    ptx.exec("UPDATE projects SET unit_code = 'town-wenshi', started_date = '2023-05-05'");
    ptx.abort();
  }

  // Every aggregate, from the rollups (the RPCs) and from the records.
  void ExpectRollupsEqualRecords(const std::string& when) {
    std::vector<cv1::DateRange> periods;
    auto add = [&](const std::string& start, const std::string& end) {
      cv1::DateRange& r = periods.emplace_back();
      r.set_start_date(start);
      r.set_end_date(end);
    };
    add("2023-01-01", FormatDate(TodayInChina()));  // everything
    add("2025-01-01", "2025-12-31");                // a year
    add("2024-12-15", "2025-02-10");                // across a year boundary, partial months
    add("2026-03-01", "2026-03-31");                // one whole month
    for (int i = 0; i < 6; ++i) {                   // random
      const std::string a = Day(), b = Day();
      add(std::min(a, b), std::max(a, b));
    }
    google::protobuf::RepeatedField<int> all;
    for (int g = cv1::GroupBy_MIN; g <= cv1::GroupBy_MAX; ++g) {
      if (cv1::GroupBy_IsValid(g)) all.Add(g);
    }
    auto dims_of = [&](std::initializer_list<cv1::GroupBy> dims) {
      google::protobuf::RepeatedField<int> out;
      out.Add(cv1::GROUP_BY_UNSPECIFIED);
      for (cv1::GroupBy g : dims) out.Add(g);
      return out;
    };
    const auto lead_dims =
        dims_of({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_INDUSTRY,
                 cv1::GROUP_BY_CHANNEL, cv1::GROUP_BY_STAGE, cv1::GROUP_BY_MONTH,
                 cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_INVESTMENT_BAND});
    const auto activity_dims =
        dims_of({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_OFFICE, cv1::GROUP_BY_LEADER,
                 cv1::GROUP_BY_MONTH, cv1::GROUP_BY_ACTIVITY_KIND});
    const auto project_dims =
        dims_of({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_PARK,
                 cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_MONTH,
                 cv1::GROUP_BY_ACTIVITY, cv1::GROUP_BY_INVESTMENT_BAND});
    const auto funds_dims =
        dims_of({cv1::GROUP_BY_UNIT, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_PARK,
                 cv1::GROUP_BY_LEADER, cv1::GROUP_BY_CHAIN_ACTION, cv1::GROUP_BY_MONTH});

    pqxx::connection lead_db(server_.projects().lead().database().service_conninfo());
    pqxx::connection project_db(server_.projects().database().service_conninfo());
    const lead::AggregateStore lead_records(lead::AggregateStore::Source::kRecords);
    const project::AggregateStore project_records(project::AggregateStore::Source::kRecords);
    auto same = [&](const auto& rollups, const auto& records, const std::string& what) {
      EXPECT_EQ(rollups.DebugString(), records.DebugString()) << what << " " << when;
      ++compared_;
    };
    for (const cv1::DateRange& period : periods) {
      const std::string in = absl::StrCat(" in ", period.start_date(), "..", period.end_date());
      {
        lv1::AggregateLeadsRequest request;
        *request.mutable_collected_date_range() = period;
        *request.mutable_group_bys() = lead_dims;
        lv1::AggregateLeadsResponse rollups, records;
        ASSERT_TRUE(leads().AggregateLeads(StaffContext().get(), request, &rollups).ok());
        pqxx::read_transaction tx(lead_db);
        ASSERT_TRUE(lead_records.Leads(tx, request, &records).ok());
        same(rollups, records, "leads" + in);
      }
      for (int kind : {0, 1, 2}) {
        lv1::AggregateActivitiesRequest request;
        *request.mutable_start_date_range() = period;
        request.set_kind(static_cast<lv1::ActivityKind>(kind));
        *request.mutable_group_bys() = activity_dims;
        lv1::AggregateActivitiesResponse rollups, records;
        ASSERT_TRUE(leads().AggregateActivities(StaffContext().get(), request, &rollups).ok());
        pqxx::read_transaction tx(lead_db);
        ASSERT_TRUE(lead_records.Activities(tx, request, &records).ok());
        same(rollups, records, absl::StrCat("activities of kind ", kind, in));
      }
      for (pv1::Stage to : {pv1::STAGE_NEGOTIATING, pv1::STAGE_SIGNED, pv1::STAGE_STARTED,
                            pv1::STAGE_COMPLETED, pv1::STAGE_DROPPED}) {
        pv1::AggregateTransitionsRequest request;
        *request.mutable_effective_date_range() = period;
        request.set_to_stage(to);
        *request.mutable_group_bys() = project_dims;
        pv1::AggregateTransitionsResponse rollups, records;
        ASSERT_TRUE(
            project_stub().AggregateTransitions(StaffContext().get(), request, &rollups).ok());
        pqxx::read_transaction tx(project_db);
        ASSERT_TRUE(project_records.Transitions(tx, request, &records).ok());
        same(rollups, records, absl::StrCat("projects into ", pv1::Stage_Name(to), in));
      }
      {
        pv1::AggregateFundsRequest request;
        *request.mutable_arrival_date_range() = period;
        *request.mutable_group_bys() = funds_dims;
        pv1::AggregateFundsResponse rollups, records;
        ASSERT_TRUE(project_stub().AggregateFunds(StaffContext().get(), request, &rollups).ok());
        pqxx::read_transaction tx(project_db);
        ASSERT_TRUE(project_records.Funds(tx, request, &records).ok());
        same(rollups, records, "funds" + in);
      }
    }
    for (int year = 2023; year <= 2028; ++year) {
      pv1::AggregateContinuingRequest request;
      request.set_year(year);
      *request.mutable_group_bys() = project_dims;
      pv1::AggregateContinuingResponse rollups, records;
      ASSERT_TRUE(project_stub().AggregateContinuing(StaffContext().get(), request, &rollups).ok());
      pqxx::read_transaction tx(project_db);
      ASSERT_TRUE(project_records.Continuing(tx, request, &records).ok());
      same(rollups, records, absl::StrCat("continuing in ", year));
    }
  }

  ReportingServer server_;
  std::mt19937 random_;
  ProjectDriver projects_;
  std::vector<int64_t> enterprises_, lead_ids_, project_ids_;
  int requests_ = 0;
  int compared_ = 0;
  int merged_ = 0;
};

TEST_P(ReportRollupTest, RollupsEqualTheRecordsWhileFoldingAndAfter) {
  for (int i = 0; i < 4; ++i) {
    enterprises_.push_back(server_.projects().CreateEnterprise(absl::StrCat("滚动企业", i)));
  }
  BusyFolder folder({server_.projects().lead().database().service_conninfo(),
                     server_.projects().database().service_conninfo()});
  for (int step = 0; step < 260; ++step) {
    switch (Between(0, 9)) {
      case 0:
      case 1:
        CreateLead();
        break;
      case 2:
        ChangeLead();
        break;
      case 3:
        CreateActivity();
        break;
      case 4:
        CreateProject();
        break;
      case 9:
        RollBack();
        break;
      default:
        ChangeProject();
    }
  }
  ExpectRollupsEqualRecords("while folding");
  const long folded = folder.Stop();
  EXPECT_GT(folded, 0) << "the fold job ran beside the writers";
  EXPECT_GT(lead_ids_.size(), 20u);
  EXPECT_GT(merged_, 0);
  // The histories reach every kind of fact the rollups keep.
  TestDatabase& project_db = server_.projects().database();
  for (const char* kind :
       {"SELECT count(*) FROM transitions WHERE kind = 1 AND to_stage = 5",  // started
        "SELECT count(*) FROM transitions WHERE kind = 1 AND to_stage = 8",  // dropped
        "SELECT count(*) FROM transitions WHERE kind = 2",                   // capital increases
        "SELECT count(*) FROM funds",
        "SELECT count(*) FROM project_facts WHERE facts @> '[{\"figure\": \"continuing\"}]'"}) {
    EXPECT_NE(project_db.QueryValue(kind), "0") << kind;
  }
  EXPECT_GT(project_ids_.size(), 10u);

  // Everything folded: the cells alone.
  for (TestDatabase* db : {&server_.projects().lead().database(), &server_.projects().database()}) {
    pqxx::connection connection(db->service_conninfo());
    pqxx::work tx(connection);
    while (FoldReportDeltas(tx, 1000).folded > 0) {
    }
    tx.commit();
    EXPECT_EQ(db->QueryValue("SELECT count(*) FROM report_deltas"), "0");
  }
  ExpectRollupsEqualRecords("all folded");

  // A rebuild finds nothing to mend, and leaves the same answers.
  for (TestDatabase* db : {&server_.projects().lead().database(), &server_.projects().database()}) {
    pqxx::connection connection(db->service_conninfo());
    pqxx::work tx(connection);
    const std::vector<RollupDifference> differences = RebuildReportRollups(tx);
    tx.commit();
    EXPECT_TRUE(differences.empty())
        << differences.size() << " cells differed, first " << differences[0].figure << " "
        << differences[0].day << " " << differences[0].dimension << "=" << differences[0].key;
  }
  ExpectRollupsEqualRecords("rebuilt");
  EXPECT_GT(compared_, 3 * 10 * 10);
}

INSTANTIATE_TEST_SUITE_P(Histories, ReportRollupTest, ::testing::Values(1, 2, 3));

// Writers at once, while the fold job folds beside them: no lead is lost
// or counted twice.
TEST(ReportRollupConcurrencyTest, ConcurrentWritersWhileFoldingLoseAndDoubleNothing) {
  LeadServer server;
  BusyFolder folder({server.database().service_conninfo()});
  constexpr int kWriters = 6, kLeadsEach = 20;
  std::vector<std::thread> writers;
  std::atomic<int> created = 0;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kLeadsEach; ++i) {
        const std::string id = absl::StrCat("w", w, "-", i);
        lv1::Enterprise enterprise;
        if (!server.stub()
                 .CreateEnterprise(StaffContext().get(),
                                   EnterpriseRequest(id, absl::StrCat("并发企业", id)), &enterprise)
                 .ok()) {
          continue;
        }
        lv1::CreateLeadRequest request = LeadRequest(absl::StrCat("l", id), enterprise.id());
        request.mutable_lead()->set_collected_date(i % 2 == 0 ? "2026-04-15" : "2026-05-20");
        lv1::Lead lead;
        if (server.stub().CreateLead(StaffContext().get(), request, &lead).ok()) ++created;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_GT(folder.Stop(), 0);
  EXPECT_EQ(created, kWriters * kLeadsEach);
  lv1::AggregateLeadsRequest request;
  request.mutable_collected_date_range()->set_start_date("2026-04-01");
  request.mutable_collected_date_range()->set_end_date("2026-05-31");
  request.add_group_bys(cv1::GROUP_BY_UNSPECIFIED);
  request.add_group_bys(cv1::GROUP_BY_MONTH);
  lv1::AggregateLeadsResponse rollups, records;
  ASSERT_TRUE(server.stub().AggregateLeads(StaffContext().get(), request, &rollups).ok());
  pqxx::connection connection(server.database().service_conninfo());
  pqxx::read_transaction tx(connection);
  ASSERT_TRUE(lead::AggregateStore(lead::AggregateStore::Source::kRecords)
                  .Leads(tx, request, &records)
                  .ok());
  EXPECT_EQ(rollups.DebugString(), records.DebugString());
  EXPECT_EQ(rollups.rows(0).count(), created.load());
}

// The migration counts what was recorded before it: its backfill deltas,
// folded, answer what the records do.
TEST(ReportRollupBackfillTest, MigrationCountsTheRecordsKeptBeforeIt) {
  std::vector<Migration> before_rollups;
  for (const Migration& m : lead::kMigrations) {
    if (m.version < 6) before_rollups.push_back(m);
  }
  TestDatabase db("lead", before_rollups);
  pqxx::connection connection(db.service_conninfo());
  {
    pqxx::work tx(connection);
    tx.exec(
        "WITH e AS (INSERT INTO enterprises (name, normalised_name, type, industry) "
        "           VALUES ('旧企业', '旧企业', 1, 1) RETURNING id) "
        "INSERT INTO leads (title, enterprise_id, channel, industry, chain_action, "
        "  estimated_investment_wan_yuan, unit_code, office_code, collected_date, status) "
        "SELECT '旧线索' || i, e.id, 1 + i % 8, 1 + i % 4, i % 4, i * 997, "
        "  CASE WHEN i % 3 = 0 THEN 'park-medical' END, "
        "  CASE WHEN i % 3 <> 0 THEN 'office-fujian' END, "
        "  DATE '2024-01-01' + i * 7, 3 + i % 3 FROM e, generate_series(1, 150) i");
    tx.exec(
        "INSERT INTO activities (kind, title, unit_code, start_date, end_date) "
        "SELECT 1 + i % 2, '旧活动', 'town-wenshi', DATE '2024-03-01' + i * 5, "
        "  DATE '2024-03-01' + i * 5 FROM generate_series(1, 60) i");
    tx.commit();
  }
  ASSERT_TRUE(ApplyMigrations(connection, "lead", lead::kMigrations).ok());
  {
    pqxx::work tx(connection);
    while (FoldReportDeltas(tx, 40).folded > 0) {
    }
    tx.commit();
  }
  const lead::AggregateStore rollups, records(lead::AggregateStore::Source::kRecords);
  for (const auto& [start, end] :
       {std::pair{"2024-01-01", "2026-11-30"}, std::pair{"2024-02-10", "2024-09-17"}}) {
    lv1::AggregateLeadsRequest request;
    request.mutable_collected_date_range()->set_start_date(start);
    request.mutable_collected_date_range()->set_end_date(end);
    for (int g : {0, 1, 2, 3, 4, 5, 6, 9, 10}) request.add_group_bys(static_cast<cv1::GroupBy>(g));
    lv1::AggregateLeadsResponse from_rollups, from_records;
    pqxx::read_transaction tx(connection);
    ASSERT_TRUE(rollups.Leads(tx, request, &from_rollups).ok());
    ASSERT_TRUE(records.Leads(tx, request, &from_records).ok());
    EXPECT_EQ(from_rollups.DebugString(), from_records.DebugString());
    EXPECT_GT(from_rollups.rows(0).count(), 20);
    lv1::AggregateActivitiesRequest activities;
    *activities.mutable_start_date_range() = request.collected_date_range();
    activities.add_group_bys(cv1::GROUP_BY_UNSPECIFIED);
    activities.add_group_bys(cv1::GROUP_BY_MONTH);
    lv1::AggregateActivitiesResponse a_rollups, a_records;
    ASSERT_TRUE(rollups.Activities(tx, activities, &a_rollups).ok());
    ASSERT_TRUE(records.Activities(tx, activities, &a_records).ok());
    EXPECT_EQ(a_rollups.DebugString(), a_records.DebugString());
  }
}

// Cells changed behind the services' back (a restore of one table, a bug)
// are found by a rebuild, named, and mended.
TEST(ReportRollupRebuildTest, NamesAndMendsCellsThatDriftedFromTheRecords) {
  LeadServer server;
  for (int i = 0; i < 3; ++i) {
    lv1::Enterprise enterprise;
    ASSERT_TRUE(
        server.stub()
            .CreateEnterprise(StaffContext().get(),
                              EnterpriseRequest(absl::StrCat("e", i), absl::StrCat("漂移企业", i)),
                              &enterprise)
            .ok());
    lv1::Lead lead;
    ASSERT_TRUE(server.stub()
                    .CreateLead(StaffContext().get(),
                                LeadRequest(absl::StrCat("l", i), enterprise.id()), &lead)
                    .ok());
  }
  pqxx::connection connection(server.database().service_conninfo());
  {
    pqxx::work tx(connection);
    EXPECT_EQ(FoldReportDeltas(tx, 100).folded, 3);
    tx.exec("UPDATE report_rollup_days SET count = count + 1 WHERE dimension = 'office_code'");
    tx.exec("DELETE FROM report_rollup_months WHERE dimension = 'industry'");
    tx.commit();
  }
  lv1::AggregateLeadsRequest request;
  // Part of a month: read from the daily cells.
  request.mutable_collected_date_range()->set_start_date("2026-04-10");
  request.mutable_collected_date_range()->set_end_date("2026-04-20");
  request.add_group_bys(cv1::GROUP_BY_OFFICE);
  lv1::AggregateLeadsResponse drifted;
  ASSERT_TRUE(server.stub().AggregateLeads(StaffContext().get(), request, &drifted).ok());
  ASSERT_EQ(drifted.rows_size(), 1);
  EXPECT_EQ(drifted.rows(0).count(), 4) << "the drifted cell is read";

  pqxx::work tx(connection);
  const std::vector<RollupDifference> differences = RebuildReportRollups(tx);
  tx.commit();
  ASSERT_EQ(differences.size(), 2u);
  EXPECT_EQ(differences[0].figure, "leads");
  EXPECT_EQ(differences[0].day, "2026-04-15");  // a daily cell
  EXPECT_EQ(differences[0].dimension, "office_code");
  EXPECT_EQ(differences[0].key, "office-fujian");
  EXPECT_EQ(differences[0].expected_count, 3);
  EXPECT_EQ(differences[0].found_count, 4);
  EXPECT_EQ(differences[1].day, "2026-04-01");  // the month's cell
  EXPECT_EQ(differences[1].dimension, "industry");
  EXPECT_EQ(differences[1].found_count, 0);
  lv1::AggregateLeadsResponse mended;
  ASSERT_TRUE(server.stub().AggregateLeads(StaffContext().get(), request, &mended).ok());
  EXPECT_EQ(mended.rows(0).count(), 3);
}

}  // namespace
}  // namespace zs::testing

// The supervision service over real channels, with the lead and project
// services behind it.
#include <gtest/gtest.h>

#include <map>

#include "absl/time/civil_time.h"
#include "common/clock.h"
#include "common/directory.h"
#include "common/directory_refresher.h"
#include "tests/project/project_test_util.h"
#include "tests/support/process.h"
#include "tests/support/supervision_server.h"

namespace zs::testing {
namespace {

namespace sv1 = ::zhaoshang::supervision::v1;

class SupervisionTest : public ::testing::Test {
 protected:
  // An outbound trip in March 2026 organised by `collector` (unit or office).
  void Trip(const std::string& collector, const std::string& date = "2026-03-10") {
    lv1::CreateActivityRequest request;
    request.set_request_id(absl::StrCat("trip-", ++counter_));
    auto* a = request.mutable_activity();
    a->set_kind(lv1::ACTIVITY_KIND_OUTBOUND_TRIP);
    a->set_title("赴杭州招商");
    if (Directory::Seeded().IsOffice(collector)) {
      a->set_office_code(collector);
    } else {
      a->set_unit_code(collector);
    }
    a->set_start_date(date);
    a->set_end_date(date);
    lv1::Activity created;
    ASSERT_TRUE(server_.projects()
                    .lead()
                    .stub()
                    .CreateActivity(StaffContext().get(), request, &created)
                    .ok());
  }
  sv1::Progress Progress(const std::string& from, const std::string& to,
                         const std::string& unit = "") {
    sv1::GetProgressRequest request;
    request.mutable_period()->set_start_date(from);
    request.mutable_period()->set_end_date(to);
    request.set_unit_code(unit);
    sv1::Progress progress;
    grpc::Status status = server_.stub().GetProgress(StaffContext().get(), request, &progress);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return progress;
  }
  static const sv1::MetricProgress& Metric(const sv1::UnitProgress& unit, sv1::Metric metric) {
    return unit.metrics(metric - 1);
  }
  static const sv1::UnitProgress* UnitIn(const sv1::Progress& progress, const std::string& code) {
    for (const auto& unit : progress.units()) {
      if (unit.unit_code() == code) return &unit;
    }
    return nullptr;
  }

  SupervisionServer server_;
  int counter_ = 0;
};

TEST_F(SupervisionTest, DirectorySeedMatchesTheCodesOtherServicesValidate) {
  sv1::ListUnitsResponse units;
  ASSERT_TRUE(server_.stub().ListUnits(StaffContext().get(), {}, &units).ok());
  sv1::ListLeadersResponse leaders;
  ASSERT_TRUE(server_.stub().ListLeaders(StaffContext().get(), {}, &leaders).ok());
  std::set<std::string> served, seeded;
  for (const auto& u : units.units()) served.insert(u.code());
  for (const auto& l : leaders.leaders()) served.insert(l.code());
  for (const OrgEntry& entry : Directory::Seeded().entries())
    seeded.insert(std::string(entry.code));
  EXPECT_EQ(served, seeded);
}

TEST_F(SupervisionTest, ProgressEqualsAHandCountAgainstProRatedTargets) {
  // March 2026: town-daliu (category B: 6 trips a year → 1 in March) makes
  // 2 trips and collects 1 lead; office-fujian (OFFICE: 10 trips → 1) makes
  // 1 trip; a trip in April is outside the period.
  Trip("town-daliu");
  Trip("town-daliu", "2026-03-28");
  Trip("office-fujian");
  Trip("town-daliu", "2026-04-02");
  ProjectDriver projects(server_.projects());
  auto lead = LeadRequest("sup-lead", projects.enterprise());
  lead.mutable_lead()->clear_office_code();
  lead.mutable_lead()->set_unit_code("town-daliu");
  lead.mutable_lead()->set_collected_date("2026-03-15");
  lv1::Lead created;
  ASSERT_TRUE(
      server_.projects().lead().stub().CreateLead(StaffContext().get(), lead, &created).ok());
  // A project signed in March by town-daliu for 3亿.
  projects.Signed(30000, "2026-03-20", 0, "town-daliu");

  const sv1::Progress progress = Progress("2026-03-01", "2026-03-31");
  const sv1::UnitProgress* daliu = UnitIn(progress, "town-daliu");
  ASSERT_NE(daliu, nullptr);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_OUTBOUND_TRIPS).actual(), 2);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_OUTBOUND_TRIPS).target(), 1);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_OUTBOUND_TRIPS).completion(), 2.0);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_LEADS).actual(), 1);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_SIGNED_PROJECTS).actual(), 1);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_SIGNED_INVESTMENT_WAN_YUAN).actual(), 30000);
  EXPECT_EQ(Metric(*daliu, sv1::METRIC_SIGNED_INVESTMENT_WAN_YUAN).target(), 4167);  // 50000/12
  const sv1::UnitProgress* fujian = UnitIn(progress, "office-fujian");
  ASSERT_NE(fujian, nullptr);
  EXPECT_EQ(Metric(*fujian, sv1::METRIC_OUTBOUND_TRIPS).actual(), 1);
  EXPECT_EQ(Metric(*fujian, sv1::METRIC_LEADS).actual(), 0);
  // Every unit is ranked, best first, 1..N.
  ASSERT_EQ(progress.units_size(), 17);
  for (int i = 0; i < progress.units_size(); ++i) {
    EXPECT_EQ(progress.units(i).rank(), i + 1);
    if (i > 0) {
      EXPECT_LE(progress.units(i).score(), progress.units(i - 1).score());
    }
  }
  EXPECT_EQ(progress.units(0).unit_code(), "town-daliu");
}

TEST_F(SupervisionTest, UnitOverridesReplaceOnlyTheirMetric) {
  sv1::SetUnitTargetsRequest set;
  set.set_request_id("daliu-targets");
  set.mutable_targets()->set_unit_code("town-daliu");
  set.mutable_targets()->set_year(2026);
  auto* leads = set.mutable_targets()->add_overrides();
  leads->set_metric(sv1::METRIC_LEADS);
  leads->set_yearly_value(24);
  sv1::UnitTargets targets;
  ASSERT_TRUE(server_.stub().SetUnitTargets(StaffContext().get(), set, &targets).ok());
  ASSERT_EQ(targets.overrides_size(), 1);
  ASSERT_EQ(targets.effective_size(), 7);
  EXPECT_EQ(targets.effective(sv1::METRIC_LEADS - 1).yearly_value(), 24);          // override
  EXPECT_EQ(targets.effective(sv1::METRIC_OUTBOUND_TRIPS - 1).yearly_value(), 6);  // category B
  EXPECT_EQ(Metric(*UnitIn(Progress("2026-01-01", "2026-06-30"), "town-daliu"), sv1::METRIC_LEADS)
                .target(),
            12);
}

TEST_F(SupervisionTest, PenaltiesFromTheRuleTableLowerTheScore) {
  Trip("park-medical");
  const double before = UnitIn(Progress("2026-03-01", "2026-03-31"), "park-medical")->score();
  sv1::RecordSanctionRequest request;
  request.set_request_id("late-report");
  request.mutable_sanction()->set_unit_code("park-medical");
  request.mutable_sanction()->set_kind(sv1::Sanction::KIND_PENALTY);
  request.mutable_sanction()->set_reason("MISSED_MONTHLY_REPORT");
  request.mutable_sanction()->set_decided_date("2026-03-31");
  sv1::Sanction sanction;
  ASSERT_TRUE(server_.stub().RecordSanction(StaffContext().get(), request, &sanction).ok());
  EXPECT_EQ(sanction.points(), 1);  // from the table, not typed in
  const double after = UnitIn(Progress("2026-03-01", "2026-03-31"), "park-medical")->score();
  EXPECT_EQ(after, before - 1);
}

TEST_F(SupervisionTest, PublishedRankingIsImmutableAndPublishingIsIdempotent) {
  Trip("town-wenshi");
  sv1::PublishMonthlyRankingRequest publish;
  publish.set_request_id("rank-2026-03");
  publish.set_month("2026-03");
  sv1::Snapshot first, again, other_id;
  ASSERT_TRUE(server_.stub().PublishMonthlyRanking(StaffContext().get(), publish, &first).ok());
  ASSERT_TRUE(server_.stub().PublishMonthlyRanking(StaffContext().get(), publish, &again).ok());
  publish.set_request_id("rank-2026-03-cron-retry");
  ASSERT_TRUE(server_.stub().PublishMonthlyRanking(StaffContext().get(), publish, &other_id).ok());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(other_id.id(), first.id());
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM snapshots"), "1");
  ASSERT_EQ(first.units_size(), 17);
  EXPECT_EQ(first.units(0).unit_code(), "town-wenshi");

  // Later, a late entry for March changes live progress, not the snapshot.
  Trip("town-ganhechen");
  Trip("town-ganhechen", "2026-03-11");
  EXPECT_EQ(Progress("2026-03-01", "2026-03-31").units(0).unit_code(), "town-ganhechen");
  sv1::GetSnapshotRequest get;
  get.set_id(first.id());
  sv1::Snapshot stored;
  ASSERT_TRUE(server_.stub().GetSnapshot(StaffContext().get(), get, &stored).ok());
  EXPECT_EQ(stored.SerializeAsString(), first.SerializeAsString());

  // A period that has not ended cannot be published: this month, in China.
  publish.set_request_id("rank-this-month");
  publish.set_month(absl::FormatCivilTime(absl::CivilMonth(TodayInChina())));
  sv1::Snapshot refused;
  grpc::Status status =
      server_.stub().PublishMonthlyRanking(StaffContext().get(), publish, &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(SupervisionTest, WeeklySummaryCoversMondayToSunday) {
  Trip("dept-commerce", "2026-11-16");
  Trip("dept-commerce", "2026-11-23");  // the next week
  sv1::PublishWeeklySummaryRequest publish;
  publish.set_request_id("week-2026-11-16");
  publish.set_week_start_date("2026-11-16");
  sv1::Snapshot week;
  ASSERT_TRUE(server_.stub().PublishWeeklySummary(StaffContext().get(), publish, &week).ok());
  EXPECT_EQ(week.period().end_date(), "2026-11-22");
  const sv1::UnitProgress& top = week.units(0);
  EXPECT_EQ(top.unit_code(), "dept-commerce");
  EXPECT_EQ(Metric(top, sv1::METRIC_OUTBOUND_TRIPS).actual(), 1);
  publish.set_week_start_date("2026-11-17");
  grpc::Status status = server_.stub().PublishWeeklySummary(StaffContext().get(), publish, &week);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(SupervisionTest, BulletinsNameWhoIsBehindAndWhatIsOverdue) {
  ProjectDriver projects(server_.projects());
  const int64_t project_id = projects.Create().id();
  pv1::CreateEnterpriseRequestRequest ticket;
  ticket.set_request_id("ticket");
  ticket.mutable_enterprise_request()->set_project_id(project_id);
  ticket.mutable_enterprise_request()->set_category("用电");
  ticket.mutable_enterprise_request()->set_content("增容");
  ticket.mutable_enterprise_request()->set_unit_code("dept-development");
  ticket.mutable_enterprise_request()->set_time_limit_working_days(2);
  ticket.mutable_enterprise_request()->set_raised_date("2026-10-12");
  pv1::EnterpriseRequest created;
  ASSERT_TRUE(server_.projects()
                  .stub()
                  .CreateEnterpriseRequest(StaffContext().get(), ticket, &created)
                  .ok());

  sv1::GenerateBulletinRequest request;
  request.set_request_id("bulletin-q1");
  request.mutable_period()->set_start_date("2026-01-01");
  request.mutable_period()->set_end_date("2026-03-31");
  sv1::Bulletin bulletin;
  ASSERT_TRUE(server_.stub().GenerateBulletin(StaffContext().get(), request, &bulletin).ok());
  int behind = 0, overdue = 0;
  for (const auto& item : bulletin.items()) {
    if (item.reason() == "BEHIND_TARGET") ++behind;
    if (item.reason() == "OVERDUE_REQUEST") {
      ++overdue;
      EXPECT_EQ(item.unit_code(), "dept-development");
    }
  }
  EXPECT_EQ(behind, 17);  // nobody did anything in Q1 in this fixture
  EXPECT_EQ(overdue, 1);
  EXPECT_NE(bulletin.text().find("已超期"), std::string::npos);
  sv1::ListBulletinsResponse listed;
  ASSERT_TRUE(server_.stub().ListBulletins(StaffContext().get(), {}, &listed).ok());
  EXPECT_EQ(listed.bulletins_size(), 1);
}

TEST_F(SupervisionTest, AMonthBulletinNamesWhoIsAheadInWordsAndIgnoresFractionsOfATarget) {
  // March 2026: office-fujian (OFFICE: 12 leads a year → 1 in March) collects
  // its one lead; towns' yearly targets are all below one item a month (6
  // trips → 0.5), and no unit signs anything.
  lv1::Enterprise enterprise;
  ASSERT_TRUE(server_.projects()
                  .lead()
                  .stub()
                  .CreateEnterprise(StaffContext().get(),
                                    EnterpriseRequest("march-enterprise", "三月线索企业"),
                                    &enterprise)
                  .ok());
  lv1::CreateLeadRequest lead = LeadRequest("march-lead", enterprise.id());
  lead.mutable_lead()->set_collected_date("2026-03-12");
  lv1::Lead created;
  ASSERT_TRUE(
      server_.projects().lead().stub().CreateLead(StaffContext().get(), lead, &created).ok());

  sv1::GenerateBulletinRequest request;
  request.set_request_id("bulletin-march");
  request.mutable_period()->set_start_date("2026-03-01");
  request.mutable_period()->set_end_date("2026-03-31");
  sv1::Bulletin bulletin;
  ASSERT_TRUE(server_.stub().GenerateBulletin(StaffContext().get(), request, &bulletin).ok());
  std::map<std::string, std::string> ahead, behind;
  for (const auto& item : bulletin.items()) {
    if (item.reason() == "AHEAD_OF_TARGET") ahead[item.unit_code()] = item.detail();
    if (item.reason() == "BEHIND_TARGET") behind[item.unit_code()] = item.detail();
  }
  EXPECT_EQ(ahead["office-fujian"], "招商线索 1/1条（100%）");
  EXPECT_NE(bulletin.text().find("福建驻外招商办事处进度领先：招商线索 1/1条（100%）"),
            std::string::npos)
      << bulletin.text();
  // A fraction of a signing, or of a trip, makes no town "behind".
  for (const char* town : {"town-daliu", "town-wenshi", "subdistrict-laojie"}) {
    EXPECT_FALSE(behind.contains(town)) << town << ": " << behind[town];
  }
  // Parks have whole targets in a month (12 trips a year): behind, in words.
  ASSERT_TRUE(behind.contains("park-medical")) << bulletin.text();
  EXPECT_NE(behind["park-medical"].find("外出招商 0/1次（0%）"), std::string::npos)
      << behind["park-medical"];
  EXPECT_EQ(behind["park-medical"].find("签约"), std::string::npos) << behind["park-medical"];
  EXPECT_NE(bulletin.text().find("医疗器械产业园进度滞后："), std::string::npos);
  for (const char* code : {"METRIC_", "town-", "park-", "office-", "dept-"}) {
    EXPECT_EQ(bulletin.text().find(code), std::string::npos) << code << "\n" << bulletin.text();
  }
}

TEST_F(SupervisionTest, TasksTrackDeadlines) {
  sv1::CreateTaskRequest create;
  create.set_request_id("task-1");
  create.mutable_task()->set_unit_code("park-logistics");
  create.mutable_task()->set_title("美的物流园二期签约");
  create.mutable_task()->set_required_result("完成签约并报送台账");
  create.mutable_task()->set_due_date("2026-10-31");
  sv1::Task task;
  ASSERT_TRUE(server_.stub().CreateTask(StaffContext().get(), create, &task).ok());
  EXPECT_TRUE(task.overdue());
  sv1::ListTasksRequest list;
  list.set_overdue_only(true);
  sv1::ListTasksResponse listed;
  ASSERT_TRUE(server_.stub().ListTasks(StaffContext().get(), list, &listed).ok());
  EXPECT_EQ(listed.tasks_size(), 1);
  sv1::CompleteTaskRequest complete;
  complete.set_request_id("task-1-done");
  complete.set_id(task.id());
  complete.set_etag(task.etag());
  complete.set_result("已签约");
  // Its deadline fell in October and it was done late: it costs the
  // OVERDUE_TASK deduction in October's assessment.
  const sv1::Progress before = Progress("2026-10-01", "2026-10-31", "park-logistics");
  EXPECT_EQ(before.units(0).penalty_points(), 2);
  ASSERT_TRUE(server_.stub().CompleteTask(StaffContext().get(), complete, &task).ok());
  EXPECT_EQ(task.state(), sv1::TASK_STATE_DONE);
  EXPECT_FALSE(task.overdue());
  EXPECT_EQ(Progress("2026-10-01", "2026-10-31", "park-logistics").units(0).penalty_points(), 2);
  EXPECT_EQ(Progress("2026-09-01", "2026-09-30", "park-logistics").units(0).penalty_points(), 0);
}

TEST_F(SupervisionTest, ADependencyDownIsUnavailableNotAWrongRanking) {
  server_.projects().StopLead();
  sv1::GetProgressRequest request;
  request.mutable_period()->set_start_date("2026-03-01");
  request.mutable_period()->set_end_date("2026-03-31");
  sv1::Progress progress;
  grpc::Status status = server_.stub().GetProgress(StaffContext().get(), request, &progress);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_NE(status.error_message().find("lead service"), std::string::npos);
  sv1::PublishMonthlyRankingRequest publish;
  publish.set_request_id("while-down");
  publish.set_month("2026-03");
  sv1::Snapshot snapshot;
  status = server_.stub().PublishMonthlyRanking(StaffContext().get(), publish, &snapshot);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server_.database().QueryValue("SELECT count(*) FROM snapshots"), "0");
}

}  // namespace
}  // namespace zs::testing

namespace zs::testing {
namespace {

// The CronJob's command, run twice as a real process: one snapshot.
TEST(ZsPublish, MonthlyRunIsIdempotent) {
  SupervisionServer server;
  const std::string command = absl::StrCat(
      ZS_PUBLISH_BINARY, " monthly --today=2026-04-01 --supervision=127.0.0.1:", server.port(),
      " > /dev/null");
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  EXPECT_EQ(server.database().QueryValue(
                "SELECT count(*) || ' ' || min(period_start)::text FROM snapshots"),
            "1 2026-03-01");
}

}  // namespace
}  // namespace zs::testing

namespace zs::testing {
namespace {

// Units created in supervision become valid codes for the lead service once
// its directory refreshes; a supervision outage keeps the last list.
TEST(DirectoryFollowsSupervision, NewAndDeactivatedUnits) {
  SupervisionServer supervision;
  Directory directory(Directory::SeededEntries());
  auto refresher = std::make_unique<DirectoryRefresher>(
      directory,
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", supervision.port()),
                          grpc::InsecureChannelCredentials()),
      absl::Hours(1));
  LeadServer lead(directory);
  auto trip_by = [&](const std::string& unit, const std::string& request_id) {
    lv1::CreateActivityRequest request;
    request.set_request_id(request_id);
    auto* a = request.mutable_activity();
    a->set_kind(lv1::ACTIVITY_KIND_MERCHANT_VISIT);
    a->set_title("客商来访");
    a->set_unit_code(unit);
    a->set_start_date("2026-05-06");
    a->set_end_date("2026-05-06");
    lv1::Activity created;
    return lead.stub().CreateActivity(StaffContext().get(), request, &created);
  };
  EXPECT_EQ(trip_by("team-yrd-1", "before").error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  sv1::CreateUnitRequest create;
  create.set_request_id("new-team");
  create.mutable_unit()->set_code("team-yrd-1");
  create.mutable_unit()->set_name("长三角招商小分队");
  create.mutable_unit()->set_kind(sv1::UNIT_KIND_SMALL_TEAM);
  create.mutable_unit()->set_parent_code("office-yrd");
  create.mutable_unit()->set_category("OFFICE");
  sv1::Unit unit;
  ASSERT_TRUE(supervision.stub().CreateUnit(AdminContext().get(), create, &unit).ok());
  sv1::GetUnitRequest get;
  get.set_code("town-wenshi");
  sv1::Unit wenshi;
  ASSERT_TRUE(supervision.stub().GetUnit(StaffContext().get(), get, &wenshi).ok());
  sv1::UpdateUnitRequest deactivate;
  deactivate.set_request_id("close-wenshi");
  *deactivate.mutable_unit() = wenshi;
  deactivate.mutable_unit()->set_active(false);
  deactivate.mutable_update_mask()->add_paths("active");
  ASSERT_TRUE(supervision.stub().UpdateUnit(AdminContext().get(), deactivate, &wenshi).ok());

  ASSERT_TRUE(refresher->RefreshNow().ok());
  EXPECT_TRUE(trip_by("team-yrd-1", "after").ok());
  const grpc::Status closed = trip_by("town-wenshi", "closed");
  EXPECT_EQ(closed.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(closed.error_message().find("unknown unit 'town-wenshi'"), std::string::npos);

  // Supervision unreachable: the refresh fails and the list stays.
  auto unreachable = std::make_unique<DirectoryRefresher>(
      directory,
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", FreeLoopbackPort()),
                          grpc::InsecureChannelCredentials()),
      absl::Hours(1));
  EXPECT_EQ(unreachable->RefreshNow().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(directory.IsUnit("team-yrd-1"));
}

}  // namespace
}  // namespace zs::testing

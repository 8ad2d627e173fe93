#include "tools/demo/demo_projects.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/errors.h"
#include "common/validation.h"

namespace zs::demo {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

constexpr std::array<const char*, 10> kUnits = {
    "town-ganhechen",      "town-wenshi",           "town-kongzhongguo", "town-daliu",
    "subdistrict-malujie", "subdistrict-shunhejie", "park-logistics",    "park-medical",
    "park-electronic",     "dept-investment"};
constexpr std::array<const char*, 9> kLeaders = {
    "leader-party-secretary", "leader-district-head",   "leader-congress-chair",
    "leader-cppcc-chair",     "leader-deputy-head-1",   "leader-deputy-head-2",
    "leader-deputy-head-3",   "leader-congress-deputy", "leader-cppcc-deputy"};

std::string Day(int year, int day_of_year) {
  return FormatDate(absl::CivilDay(year, 1, 1) + day_of_year);
}

const char* ParkFor(cv1::Industry industry) {
  switch (industry) {
    case cv1::INDUSTRY_COMMERCE_LOGISTICS:
      return "park-logistics";
    case cv1::INDUSTRY_MEDICAL_DEVICES:
      return "park-medical";
    default:
      return "park-electronic";
  }
}

DemoProject& Add(std::vector<DemoProject>& projects, const DemoDistrict& district,
                 const std::string& name, int64_t investment) {
  const int i = static_cast<int>(projects.size());
  DemoProject& demo = projects.emplace_back();
  demo.enterprise = i % static_cast<int>(district.enterprises.size());
  const lv1::Enterprise& enterprise = district.enterprises[demo.enterprise];
  pv1::Project& p = demo.project;
  p.set_name(absl::StrCat(enterprise.name(), name));
  p.set_industry(enterprise.industry());
  p.set_chain_action(static_cast<cv1::ChainAction>(1 + i % 3));
  p.set_park_code(ParkFor(enterprise.industry()));
  p.set_enterprise_type(enterprise.type());
  p.set_total_investment_wan_yuan(investment);
  p.set_unit_code(kUnits[i % kUnits.size()]);
  p.set_leader_code(kLeaders[i % kLeaders.size()]);
  if (investment >= 100'000) p.set_commander_code("leader-district-head");
  p.set_dedicated_person(absl::StrCat("项目专员", 1 + i % 12, "号"));
  p.set_service_team(absl::StrCat("第", 1 + i % 8, "服务专班"));
  demo.signed_investment = investment;
  return demo;
}

// `count` amounts from `amount(i)`, the last one making the total exact.
std::vector<int64_t> AmountsSummingTo(int count, int64_t total, int64_t (*amount)(int)) {
  std::vector<int64_t> amounts;
  int64_t sum = 0;
  for (int i = 0; i + 1 < count; ++i) {
    amounts.push_back(amount(i));
    sum += amounts.back();
  }
  amounts.push_back(total - sum);
  return amounts;
}

}  // namespace

std::vector<DemoProject> BuildDemoProjects(const DemoDistrict& district) {
  std::vector<DemoProject> projects;
  // 59 under construction since 2025: carried into 2026 as continuing.
  for (int64_t investment : AmountsSummingTo(kContinuing, kContinuingWanYuan, [](int i) {
         return int64_t{4000} + (i * 3571) % 18000;
       })) {
    const int i = static_cast<int>(projects.size());
    DemoProject& demo = Add(projects, district, "续建项目", investment);
    demo.sign_date = Day(2024, 200 + i * 2);
    demo.start_date = Day(2025, 20 + i * 4);
  }
  // 73 signed in the second half of 2025 and started in the first half of
  // 2026: 3 of ≥ 10亿, 23 more of ≥ 1亿, 47 smaller.
  std::vector<int64_t> started = {120'000, 110'000, 100'000};
  for (int i = 0; i < 47; ++i) started.push_back(2000 + (i % 8) * 1000);
  int64_t so_far = 0;
  for (int64_t s : started) so_far += s;
  for (int i = 0; i < 22; ++i) {
    started.push_back(12'000 + (i % 9) * 1000);
    so_far += started.back();
  }
  started.push_back(kFirstHalfStartedWanYuan - so_far);  // 33,000: still in the 1亿 band
  for (size_t k = 0; k < started.size(); ++k) {
    DemoProject& demo = Add(projects, district, "新开工项目", started[k]);
    demo.sign_date = Day(2025, 190 + static_cast<int>(k) * 2);
    demo.start_date = Day(2026, 3 + static_cast<int>(k) * 2);  // 4 Jan .. 28 May
  }
  // 12 signed in the first half of 2026; the first six from leads.
  const std::vector<int64_t> signed_amounts =
      AmountsSummingTo(kFirstHalfSigned, kFirstHalfSignedWanYuan, [](int i) {
        static constexpr std::array<int64_t, 11> kAmounts = {
            60'000, 50'000, 45'000, 40'000, 38'000, 35'000, 30'000, 28'000, 25'000, 22'000, 20'000};
        return kAmounts[i];
      });
  const int first_fair = kFirstHalfOutboundTrips + kFirstHalfMerchantVisits;
  for (int k = 0; k < kFirstHalfSigned; ++k) {
    DemoProject& demo = Add(projects, district, "签约项目", signed_amounts[k]);
    if (k < 6) {
      demo.lead = 2 + k * 7;  // first-half leads
      demo.enterprise = district.leads[demo.lead].enterprise;
    }
    demo.sign_date = Day(2026, 20 + k * 13);  // 21 Jan .. 13 Jun
    if (k % 4 == 1) demo.signed_at_fair = first_fair + k % 3;
  }
  // Second half: two more signings, one of them started, one dropped.
  DemoProject& autumn = Add(projects, district, "下半年签约项目", 55'000);
  autumn.sign_date = "2026-08-18";
  autumn.start_date = "2026-09-28";
  Add(projects, district, "下半年签约项目", 18'000).sign_date = "2026-10-12";
  Add(projects, district, "在谈项目", 30'000).drop_reason = "企业调整投资布局";
  return projects;
}

absl::Status LoadDemoProjects(pv1::ProjectService::Stub& stub, const LoadedDistrict& district,
                              const ContextFactory& Context) {
  const std::vector<DemoProject> projects = BuildDemoProjects(BuildDemoDistrict());
  std::vector<int64_t> ids;
  std::vector<std::string> etags;
  for (size_t i = 0; i < projects.size(); ++i) {
    const DemoProject& demo = projects[i];
    const std::string id = absl::StrCat("demo-2026-project-", i);
    pv1::Project project = demo.project;
    project.set_enterprise_id(district.enterprise_ids[demo.enterprise]);
    pv1::Project created;
    if (demo.lead >= 0) {
      pv1::ConvertLeadToProjectRequest request;
      request.set_request_id(id);
      request.set_lead_id(district.lead_ids[demo.lead]);
      *request.mutable_project() = project;
      request.mutable_project()->clear_enterprise_id();
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.ConvertLeadToProject(Context().get(), request, &created); }, id));
    } else {
      pv1::CreateProjectRequest request;
      request.set_request_id(id);
      *request.mutable_project() = project;
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.CreateProject(Context().get(), request, &created); }, id));
    }
    ids.push_back(created.id());
    if (!demo.sign_date.empty()) {
      pv1::AddLedgerEntryRequest measure;
      measure.set_request_id(id + "-measure");
      measure.mutable_entry()->set_project_id(created.id());
      measure.mutable_entry()->set_kind(pv1::LedgerEntry::KIND_MEASURE);
      measure.mutable_entry()->set_entry_date(demo.sign_date);
      measure.mutable_entry()->set_content("县级领导分包，专人负责、专班服务，每周调度推进");
      pv1::LedgerEntry entry;
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.AddLedgerEntry(Context().get(), measure, &entry); }, id));
      pv1::SignProjectRequest sign;
      sign.set_request_id(id + "-sign");
      sign.set_project_id(created.id());
      sign.set_etag(created.etag());
      sign.set_signed_date(demo.sign_date);
      sign.set_signed_investment_wan_yuan(demo.signed_investment);
      if (demo.signed_at_fair >= 0) {
        sign.set_activity_id(district.activity_ids[demo.signed_at_fair]);
      }
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.SignProject(Context().get(), sign, &created); }, id));
    }
    if (!demo.start_date.empty()) {
      pv1::StartProjectRequest start;
      start.set_request_id(id + "-start");
      start.set_project_id(created.id());
      start.set_etag(created.etag());
      start.set_started_date(demo.start_date);
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.StartProject(Context().get(), start, &created); }, id));
    }
    if (!demo.drop_reason.empty()) {
      pv1::DropProjectRequest drop;
      drop.set_request_id(id + "-drop");
      drop.set_project_id(created.id());
      drop.set_etag(created.etag());
      drop.set_reason(demo.drop_reason);
      ZS_RETURN_IF_ERROR(
          Call([&] { return stub.DropProject(Context().get(), drop, &created); }, id));
    }
    etags.push_back(created.etag());
  }
  pv1::RollOverYearRequest rollover;
  rollover.set_request_id("demo-2026-rollover-2025");
  rollover.set_year(2025);
  pv1::RollOverYearResponse rolled;
  ZS_RETURN_IF_ERROR(
      Call([&] { return stub.RollOverYear(Context().get(), rollover, &rolled); }, "rollover"));

  // Second-half events on first-half projects, which no H1 figure may see:
  // the first signed project re-signed at a fair and enlarged by 2亿.
  const size_t first_signed = kContinuing + kFirstHalfStarted;
  pv1::RecordResigningRequest resign;
  resign.set_request_id("demo-2026-resign");
  resign.set_project_id(ids[first_signed]);
  resign.set_activity_id(
      district.activity_ids[kFirstHalfOutboundTrips + kFirstHalfMerchantVisits + 2]);
  resign.set_effective_date("2026-09-10");
  // The etag its last move answered: a second load replays every move's
  // first answer, so it sends the same request again.
  resign.set_etag(etags[first_signed]);
  pv1::Project project;
  ZS_RETURN_IF_ERROR(
      Call([&] { return stub.RecordResigning(Context().get(), resign, &project); }, "resign"));
  pv1::RecordCapitalIncreaseRequest increase;
  increase.set_request_id("demo-2026-capital-increase");
  increase.set_project_id(ids[first_signed]);
  increase.set_etag(project.etag());
  increase.set_increment_wan_yuan(20'000);
  increase.set_effective_date("2026-10-15");
  ZS_RETURN_IF_ERROR(Call(
      [&] { return stub.RecordCapitalIncrease(Context().get(), increase, &project); }, "increase"));
  // Funds in place, a tenth of the investment, for ten projects started in H1.
  for (int k = 0; k < 10; ++k) {
    pv1::RecordFundsRequest funds;
    funds.set_request_id(absl::StrCat("demo-2026-funds-", k));
    funds.mutable_funds()->set_project_id(ids[kContinuing + k]);
    funds.mutable_funds()->set_arrival_date(Day(2026, 100 + k * 7));
    funds.mutable_funds()->set_amount_wan_yuan(projects[kContinuing + k].signed_investment / 10);
    pv1::FundsRecord record;
    ZS_RETURN_IF_ERROR(
        Call([&] { return stub.RecordFunds(Context().get(), funds, &record); }, "funds"));
  }
  std::cerr << absl::StrFormat("zs-demo: %d projects loaded; %d carried into 2026\n",
                               projects.size(), rolled.marked_continuing());
  return absl::OkStatus();
}

}  // namespace zs::demo

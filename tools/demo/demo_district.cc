#include "tools/demo/demo_district.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/directory.h"
#include "common/errors.h"

namespace zs::demo {
namespace {

namespace cv1 = ::zhaoshang::common::v1;

constexpr std::array<const char*, 10> kCities = {"上海", "苏州", "杭州", "宁波", "厦门",
                                                 "福州", "泉州", "成都", "深圳", "郑州"};
constexpr std::array<const char*, 8> kCores = {"华信", "中科", "瑞康", "远航",
                                               "恒通", "博瑞", "金源", "众合"};
struct IndustryName {
  cv1::Industry industry;
  const char* word;
};
constexpr std::array<IndustryName, 3> kIndustries = {{
    {cv1::INDUSTRY_COMMERCE_LOGISTICS, "供应链管理"},
    {cv1::INDUSTRY_MEDICAL_DEVICES, "医疗器械"},
    {cv1::INDUSTRY_ELECTRONIC_INFORMATION, "电子科技"},
}};

// Who collects: the seven towns and sub-districts, three parks, the
// investment bureau and the three remote offices take turns.
constexpr std::array<const char*, 14> kCollectors = {
    "office-yrd",         "office-fujian",       "office-chengdu",
    "town-ganhechen",     "town-wenshi",         "town-kongzhongguo",
    "town-daliu",         "subdistrict-malujie", "subdistrict-shunhejie",
    "subdistrict-laojie", "park-logistics",      "park-medical",
    "park-electronic",    "dept-investment"};

constexpr std::array<const char*, 9> kLeaders = {
    "leader-party-secretary", "leader-district-head",   "leader-congress-chair",
    "leader-cppcc-chair",     "leader-deputy-head-1",   "leader-deputy-head-2",
    "leader-deputy-head-3",   "leader-congress-deputy", "leader-cppcc-deputy"};

template <typename Message>
void SetCollector(Message& m, int i) {
  const std::string code = kCollectors[i % kCollectors.size()];
  if (Directory::Seeded().IsOffice(code)) {
    m.set_office_code(code);
  } else {
    m.set_unit_code(code);
  }
}

// Day `n` (0-based) of 2026 as YYYY-MM-DD.
std::string Day2026(int n) {
  static constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
  int month = 0;
  while (n >= kMonthDays[month]) n -= kMonthDays[month++];
  return absl::StrFormat("2026-%02d-%02d", month + 1, n + 1);
}

constexpr int kFirstHalfDays = 181;   // 1 Jan .. 30 Jun
constexpr int kSecondHalfDays = 148;  // 1 Jul .. 25 Nov

void AddEnterprises(DemoDistrict& d) {
  // The carriers and anchor firms the district names.
  const std::array<std::pair<const char*, cv1::Industry>, 7> anchors = {{
      {"美的物流园", cv1::INDUSTRY_COMMERCE_LOGISTICS},
      {"国药物流园", cv1::INDUSTRY_COMMERCE_LOGISTICS},
      {"大参林医药产业园", cv1::INDUSTRY_COMMERCE_LOGISTICS},
      {"曙光健士医疗器械", cv1::INDUSTRY_MEDICAL_DEVICES},
      {"益生科技", cv1::INDUSTRY_MEDICAL_DEVICES},
      {"吉顺电商园", cv1::INDUSTRY_ELECTRONIC_INFORMATION},
      {"清华紫荆科技创新产业园", cv1::INDUSTRY_ELECTRONIC_INFORMATION},
  }};
  for (const auto& [name, industry] : anchors) {
    lv1::Enterprise& e = d.enterprises.emplace_back();
    e.set_name(name);
    e.set_industry(industry);
    e.set_type(cv1::ENTERPRISE_TYPE_BASE);
    e.set_region("河南省漯河市");
  }
  // Prospects: every (city, core, industry) name is distinct.
  for (int i = 0; i < 64; ++i) {
    const auto& industry = kIndustries[i % kIndustries.size()];
    lv1::Enterprise& e = d.enterprises.emplace_back();
    e.set_name(absl::StrCat(kCities[i % kCities.size()], kCores[(i / 3) % kCores.size()],
                            industry.word, "有限公司"));
    e.set_industry(industry.industry);
    e.set_type(i % 4 == 0   ? cv1::ENTERPRISE_TYPE_GROUP
               : i % 4 == 1 ? cv1::ENTERPRISE_TYPE_DRAGON_HEAD
                            : cv1::ENTERPRISE_TYPE_BASE);
    e.set_region(absl::StrCat(kCities[i % kCities.size()], "市"));
  }
}

void AddReferrers(DemoDistrict& d) {
  const std::array<std::pair<const char*, int>, 3> ambassadors = {
      {{"曙光健士董事长（招商大使）", 3},
       {"益生科技总经理（招商顾问）", 4},
       {"美的物流园负责人（招商大使）", 0}}};
  for (const auto& [name, enterprise] : ambassadors) {
    DemoReferrer& r = d.referrers.emplace_back();
    r.referrer.set_kind(lv1::Referrer::KIND_AMBASSADOR);
    r.referrer.set_name(name);
    r.enterprise = enterprise;
  }
  for (const char* agency : {"长三角产业招商咨询有限公司", "深圳湾区投资顾问有限公司"}) {
    DemoReferrer& r = d.referrers.emplace_back();
    r.referrer.set_kind(lv1::Referrer::KIND_ENTRUSTED_AGENCY);
    r.referrer.set_name(agency);
  }
}

void AddActivity(DemoDistrict& d, lv1::ActivityKind kind, int i, int day, int days_long) {
  DemoActivity& demo = d.activities.emplace_back();
  lv1::Activity& a = demo.activity;
  a.set_kind(kind);
  const char* city = kCities[i % kCities.size()];
  if (kind == lv1::ACTIVITY_KIND_OUTBOUND_TRIP) {
    a.set_title(absl::StrCat("赴", city, "开展产业链招商"));
    a.set_destination(city);
    a.set_leader_code(kLeaders[i % kLeaders.size()]);
  } else {
    a.set_title(absl::StrCat(city, "客商来访考察"));
    a.set_destination("源汇区");
  }
  SetCollector(a, i);
  a.set_start_date(Day2026(day));
  a.set_end_date(Day2026(day + days_long));
  demo.enterprises.push_back(7 + (i * 5) % 64);
}

void AddActivities(DemoDistrict& d) {
  for (int i = 0; i < kFirstHalfOutboundTrips; ++i) {
    AddActivity(d, lv1::ACTIVITY_KIND_OUTBOUND_TRIP, i, (i * kFirstHalfDays) / 48, i % 3);
  }
  for (int i = 0; i < kFirstHalfMerchantVisits; ++i) {
    AddActivity(d, lv1::ACTIVITY_KIND_MERCHANT_VISIT, i + 3, (i * kFirstHalfDays) / 66, 0);
  }
  const std::array<std::pair<const char*, int>, 3> fairs = {
      {{"中国（漯河）食品博览会", 110},
       {"中部投资贸易博览会暨投资洽谈会", 130},
       {"豫沪产业合作对接会", 165}}};
  for (const auto& [title, day] : fairs) {
    lv1::Activity& a = d.activities.emplace_back().activity;
    a.set_kind(lv1::ACTIVITY_KIND_FAIR);
    a.set_title(title);
    a.set_unit_code("dept-investment");
    a.set_leader_code("leader-district-head");
    a.set_destination(day == 165 ? "上海市" : "河南省");
    a.set_start_date(Day2026(day));
    a.set_end_date(Day2026(day + 2));
  }
  // Second half, so a first-half report has something to leave out.
  for (int i = 0; i < 12; ++i) {
    AddActivity(d, i % 2 ? lv1::ACTIVITY_KIND_MERCHANT_VISIT : lv1::ACTIVITY_KIND_OUTBOUND_TRIP,
                i + 1, kFirstHalfDays + (i * kSecondHalfDays) / 12, 1);
  }
}

void AddLeads(DemoDistrict& d) {
  constexpr std::array<cv1::Channel, 8> kChannels = {
      cv1::CHANNEL_SMALL_TEAM,       cv1::CHANNEL_INDUSTRIAL_CHAIN,
      cv1::CHANNEL_RESIDENT_OFFICE,  cv1::CHANNEL_BUSINESS_BRINGS_BUSINESS,
      cv1::CHANNEL_SPECIALISED_PARK, cv1::CHANNEL_FAIR,
      cv1::CHANNEL_KINSHIP,          cv1::CHANNEL_ENTRUSTED_AGENCY};
  constexpr std::array<cv1::ChainAction, 3> kActions = {
      cv1::CHAIN_ACTION_FILL_GAP, cv1::CHAIN_ACTION_EXTEND, cv1::CHAIN_ACTION_STRENGTHEN};
  const int total = kFirstHalfLeads + 9;
  const int first_fair = kFirstHalfOutboundTrips + kFirstHalfMerchantVisits;
  for (int i = 0; i < total; ++i) {
    const int enterprise = 7 + i;  // one lead per prospect enterprise
    DemoLead& demo = d.leads.emplace_back();
    demo.enterprise = enterprise;
    lv1::Lead& l = demo.lead;
    l.set_industry(d.enterprises[enterprise].industry());
    l.set_title(absl::StrCat(d.enterprises[enterprise].name(), "投资项目"));
    l.set_channel(kChannels[i % kChannels.size()]);
    l.set_chain_action(kActions[i % kActions.size()]);
    // 2,000 万元 to 1.5 亿元, in whole 万元.
    l.set_estimated_investment_wan_yuan(2000 + (i * 2719) % 13000);
    SetCollector(l, i);
    if (l.channel() == cv1::CHANNEL_BUSINESS_BRINGS_BUSINESS) demo.referrer = i % 3;
    if (l.channel() == cv1::CHANNEL_ENTRUSTED_AGENCY) demo.referrer = 3 + i % 2;
    if (l.channel() == cv1::CHANNEL_FAIR) demo.activity = first_fair + i % 3;
    const bool first_half = i < kFirstHalfLeads;
    l.set_collected_date(first_half ? Day2026((i * kFirstHalfDays) / kFirstHalfLeads)
                                    : Day2026(kFirstHalfDays + (i - kFirstHalfLeads) * 15));
    if (i % 5 != 4) l.set_follow_up_owner(absl::StrCat("招商专员", 1 + i % 6, "号"));
  }
}

}  // namespace

absl::Status Call(const std::function<grpc::Status()>& call, const std::string& what) {
  constexpr int kAttempts = 30;
  grpc::Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    status = call();
    if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED &&
        status.error_code() != grpc::StatusCode::UNAVAILABLE) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 * std::min(attempt, 10)));
  }
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", status.error_message()));
}

DemoDistrict BuildDemoDistrict() {
  DemoDistrict d;
  AddEnterprises(d);
  AddReferrers(d);
  AddActivities(d);
  AddLeads(d);
  return d;
}

absl::StatusOr<LoadedDistrict> LoadDemoDistrict(lv1::LeadService::Stub& stub,
                                                const ContextFactory& Context) {
  const DemoDistrict district = BuildDemoDistrict();
  LoadedDistrict loaded;
  std::vector<int64_t>& enterprise_ids = loaded.enterprise_ids;
  std::vector<int64_t>& referrer_ids = loaded.referrer_ids;
  std::vector<int64_t>& activity_ids = loaded.activity_ids;
  for (size_t i = 0; i < district.enterprises.size(); ++i) {
    lv1::CreateEnterpriseRequest request;
    request.set_request_id(absl::StrCat("demo-2026-enterprise-", i));
    *request.mutable_enterprise() = district.enterprises[i];
    // The same trade names registered in different cities are different
    // enterprises here (上海华信… and 厦门华信…): confirmed, as an office would.
    request.set_allow_similar(true);
    lv1::Enterprise created;
    ZS_RETURN_IF_ERROR(
        Call([&] { return stub.CreateEnterprise(Context().get(), request, &created); },
             request.request_id()));
    enterprise_ids.push_back(created.id());
  }
  auto id_of = [](const std::vector<int64_t>& ids, int index) -> int64_t {
    return index < 0 ? 0 : ids[index];
  };
  for (size_t i = 0; i < district.referrers.size(); ++i) {
    lv1::CreateReferrerRequest request;
    request.set_request_id(absl::StrCat("demo-2026-referrer-", i));
    *request.mutable_referrer() = district.referrers[i].referrer;
    request.mutable_referrer()->set_enterprise_id(
        id_of(enterprise_ids, district.referrers[i].enterprise));
    lv1::Referrer created;
    ZS_RETURN_IF_ERROR(Call([&] { return stub.CreateReferrer(Context().get(), request, &created); },
                            request.request_id()));
    referrer_ids.push_back(created.id());
  }
  for (size_t i = 0; i < district.activities.size(); ++i) {
    lv1::CreateActivityRequest request;
    request.set_request_id(absl::StrCat("demo-2026-activity-", i));
    *request.mutable_activity() = district.activities[i].activity;
    for (int enterprise : district.activities[i].enterprises) {
      request.mutable_activity()->add_enterprise_ids(enterprise_ids[enterprise]);
    }
    lv1::Activity created;
    ZS_RETURN_IF_ERROR(Call([&] { return stub.CreateActivity(Context().get(), request, &created); },
                            request.request_id()));
    activity_ids.push_back(created.id());
  }
  for (size_t i = 0; i < district.leads.size(); ++i) {
    const DemoLead& demo = district.leads[i];
    lv1::CreateLeadRequest request;
    request.set_request_id(absl::StrCat("demo-2026-lead-", i));
    lv1::Lead& lead = *request.mutable_lead() = demo.lead;
    lead.set_enterprise_id(id_of(enterprise_ids, demo.enterprise));
    lead.set_referrer_id(id_of(referrer_ids, demo.referrer));
    lead.set_activity_id(id_of(activity_ids, demo.activity));
    lv1::Lead created;
    ZS_RETURN_IF_ERROR(Call([&] { return stub.CreateLead(Context().get(), request, &created); },
                            request.request_id()));
    loaded.lead_ids.push_back(created.id());
  }
  std::cerr << absl::StrFormat(
      "zs-demo: demo district loaded: %d enterprises, %d referrers, %d activities, %d leads\n",
      enterprise_ids.size(), referrer_ids.size(), activity_ids.size(), district.leads.size());
  return loaded;
}

}  // namespace zs::demo

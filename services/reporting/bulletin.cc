#include "services/reporting/bulletin.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/reporting/period.h"

namespace zs::reporting {
namespace {

// `value` / 10^decimals written exactly, without trailing zeros.
std::string ExactDecimal(int64_t value, int decimals) {
  int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  const bool negative = value < 0;
  const int64_t magnitude = negative ? -value : value;
  std::string out = absl::StrCat(negative ? "-" : "", magnitude / scale);
  std::string fraction = absl::StrFormat("%0*d", decimals, magnitude % scale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  if (!fraction.empty()) absl::StrAppend(&out, ".", fraction);
  return out;
}

}  // namespace

std::string WanYuanAsYi(int64_t wan_yuan) { return ExactDecimal(wan_yuan, 4); }
std::string WanYuanAsBillion(int64_t wan_yuan) { return ExactDecimal(wan_yuan, 5); }

rv1::FigureValue FigureOf(const rv1::PeriodReport& report, rv1::Figure figure) {
  for (const rv1::FigureValue& value : report.figures()) {
    if (value.figure() == figure) return value;
  }
  rv1::FigureValue zero;
  zero.set_figure(figure);
  return zero;
}

std::string BulletinZh(const rv1::PeriodReport& r) {
  auto f = [&](rv1::Figure figure) { return FigureOf(r, figure); };
  std::string text = absl::StrFormat(
      "%s，全区共外出招商%d次，邀请客商来访%d次，收集招商线索%d条；新签约项目%d个，总投资%s亿元；"
      "在续建项目%d个，总投资%s亿元；开工项目%d个，总投资%s亿元，其中10亿元以上项目%d个，"
      "亿元以上项目%d个",
      PeriodNameZh(r.period()), f(rv1::FIGURE_OUTBOUND_TRIPS).count(),
      f(rv1::FIGURE_MERCHANT_VISITS).count(), f(rv1::FIGURE_LEADS).count(),
      f(rv1::FIGURE_SIGNED_PROJECTS).count(),
      WanYuanAsYi(f(rv1::FIGURE_SIGNED_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_CONTINUING_PROJECTS).count(),
      WanYuanAsYi(f(rv1::FIGURE_CONTINUING_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_STARTED_PROJECTS).count(),
      WanYuanAsYi(f(rv1::FIGURE_STARTED_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_STARTED_GE_10YI).count(), f(rv1::FIGURE_STARTED_GE_1YI).count());
  const int64_t funds = f(rv1::FIGURE_FUNDS_IN_PLACE).investment_wan_yuan();
  if (funds > 0) absl::StrAppend(&text, "；到位资金", WanYuanAsYi(funds), "亿元");
  return text + "。";
}

std::string BulletinEn(const rv1::PeriodReport& r) {
  auto f = [&](rv1::Figure figure) { return FigureOf(r, figure); };
  const std::string period = PeriodNameEn(r.period());
  std::string text = absl::StrFormat(
      "In %s, the district made %d outbound promotion trips, received %d merchant visits and "
      "collected %d investment leads; %d projects were newly signed with a total investment of "
      "CNY %s billion; %d projects continued construction with a total investment of CNY %s "
      "billion; %d projects started construction with a total investment of CNY %s billion, "
      "%d of them of CNY 1 billion or more and %d of CNY 100 million or more",
      period, f(rv1::FIGURE_OUTBOUND_TRIPS).count(), f(rv1::FIGURE_MERCHANT_VISITS).count(),
      f(rv1::FIGURE_LEADS).count(), f(rv1::FIGURE_SIGNED_PROJECTS).count(),
      WanYuanAsBillion(f(rv1::FIGURE_SIGNED_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_CONTINUING_PROJECTS).count(),
      WanYuanAsBillion(f(rv1::FIGURE_CONTINUING_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_STARTED_PROJECTS).count(),
      WanYuanAsBillion(f(rv1::FIGURE_STARTED_PROJECTS).investment_wan_yuan()),
      f(rv1::FIGURE_STARTED_GE_10YI).count(), f(rv1::FIGURE_STARTED_GE_1YI).count());
  const int64_t funds = f(rv1::FIGURE_FUNDS_IN_PLACE).investment_wan_yuan();
  if (funds > 0) {
    absl::StrAppend(&text, "; funds of CNY ", WanYuanAsBillion(funds), " billion arrived");
  }
  return text + ".";
}

}  // namespace zs::reporting

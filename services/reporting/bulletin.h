// The bulletin paragraph (动态通报) in the style of the district's report,
// in Chinese and English, generated from a period's figures.
#pragma once

#include <string>

#include "zhaoshang/reporting/v1/reporting_service.pb.h"

namespace zs::reporting {

namespace rv1 = ::zhaoshang::reporting::v1;

// 万元 as 亿元, exact: 420000 → "42", 384200 → "38.42", 5 → "0.0005".
std::string WanYuanAsYi(int64_t wan_yuan);
// 万元 as billions of CNY, exact: 420000 → "4.2".
std::string WanYuanAsBillion(int64_t wan_yuan);

std::string BulletinZh(const rv1::PeriodReport& report);
std::string BulletinEn(const rv1::PeriodReport& report);

// The figure's value in a report (zeros when absent).
rv1::FigureValue FigureOf(const rv1::PeriodReport& report, rv1::Figure figure);

}  // namespace zs::reporting

// What a dynamic bulletin (动态通报) says about units' progress: who is
// ahead of every target and who is behind, with metrics by their Chinese
// labels and figures in their units (次, 条, 个, 万元).
#pragma once

#include <string>
#include <vector>

#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;
namespace cv1 = ::zhaoshang::common::v1;

// Whether a metric's target means something in `period`: its yearly target
// pro-rated exactly (before rounding up) is at least one item. A unit with
// 5 signings a year has 5/12 of one in a month, so a month without a
// signing does not make it (and every other unit) "behind".
bool HasMeaningfulTarget(const v1::MetricProgress& metric, const cv1::DateRange& period);

// "外出招商 3/5次（60%）", "签约投资额 12,000/50,000万元（24%）".
std::string MetricFigure(const v1::MetricProgress& metric);

// Adds to `bulletin` an AHEAD_OF_TARGET item for each unit that reached
// every meaningful target, then a BEHIND_TARGET item for each unit under
// half of one, and returns the matching lines of text (ahead first). Signed
// (started) investment counts only where signed (started) projects do.
std::vector<std::string> DescribeProgress(const std::vector<v1::UnitProgress>& units,
                                          const cv1::DateRange& period, v1::Bulletin* bulletin);

}  // namespace zs::supervision

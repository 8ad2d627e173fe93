// What a dynamic bulletin (动态通报) says: its title, who is ahead of every
// target and who is behind (metrics by their Chinese labels, figures in
// their units: 次, 条, 个, 万元), which enterprise requests are overdue and
// which projects' ledgers have gone stale. Plain functions of their inputs.
#pragma once

#include <string>
#include <vector>

#include "zhaoshang/project/v1/project_service.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::supervision {

namespace v1 = ::zhaoshang::supervision::v1;
namespace cv1 = ::zhaoshang::common::v1;
namespace pv1 = ::zhaoshang::project::v1;

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

// "招商引资动态通报（2026-11-01 至 2026-11-30）".
std::string BulletinTitle(const cv1::DateRange& period);

// What a bulletin names besides progress (from the project service).
struct BulletinFindings {
  std::vector<pv1::EnterpriseRequest> overdue_requests;  // open, past their due date
  std::vector<pv1::Project> stale_projects;              // open, no ledger entry for stale_days
  int stale_days = 0;
};

// The dynamic bulletin of `period`: its title; the items of
// DescribeProgress; an OVERDUE_REQUEST item per overdue request and a
// STALE_LEDGER item per stale project, each under its unit's code; and its
// text, the title then one line per item, units named by the name progress
// gives them (else their directory label). publish_time is the caller's.
v1::Bulletin ComposeBulletin(const cv1::DateRange& period,
                             const std::vector<v1::UnitProgress>& units,
                             const BulletinFindings& findings);

}  // namespace zs::supervision

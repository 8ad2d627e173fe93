#include "services/supervision/bulletin_text.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace zs::supervision {
namespace {

namespace pv1 = ::zhaoshang::project::v1;

cv1::DateRange Range(const char* from, const char* to) {
  cv1::DateRange range;
  range.set_start_date(from);
  range.set_end_date(to);
  return range;
}

v1::UnitProgress Unit(const char* code, const char* name, v1::Metric metric, int64_t actual,
                      int64_t target) {
  v1::UnitProgress unit;
  unit.set_unit_code(code);
  unit.set_unit_name(name);
  v1::MetricProgress* m = unit.add_metrics();
  m->set_metric(metric);
  m->set_actual(actual);
  m->set_target(target);
  m->set_completion(static_cast<double>(actual) / static_cast<double>(target));
  return unit;
}

TEST(BulletinText, TheTitleNamesThePeriod) {
  EXPECT_EQ(BulletinTitle(Range("2026-11-01", "2026-11-30")),
            "招商引资动态通报（2026-11-01 至 2026-11-30）");
}

TEST(BulletinText, ProgressThenOverdueRequestsThenStaleLedgersEachOnItsOwnLine) {
  const cv1::DateRange period = Range("2026-01-01", "2026-12-31");
  const std::vector<v1::UnitProgress> units = {Unit("U1", "投资促进一局", v1::METRIC_LEADS, 10, 10),
                                               Unit("U2", "投资促进二局", v1::METRIC_LEADS, 2, 10)};
  BulletinFindings findings;
  pv1::EnterpriseRequest request;
  request.set_id(7);
  request.set_unit_code("U2");
  request.set_category("用地");
  request.set_due_date("2026-10-15");
  findings.overdue_requests.push_back(request);
  pv1::Project project;
  project.set_id(9);
  project.set_unit_code("U-NOT-IN-PROGRESS");
  project.set_name("新能源电池");
  findings.stale_projects.push_back(project);
  findings.stale_days = 45;

  const v1::Bulletin bulletin = ComposeBulletin(period, units, findings);

  EXPECT_EQ(bulletin.title(), BulletinTitle(period));
  EXPECT_EQ(bulletin.period().start_date(), "2026-01-01");
  ASSERT_EQ(bulletin.items_size(), 4);
  EXPECT_EQ(bulletin.items(0).reason(), "AHEAD_OF_TARGET");
  EXPECT_EQ(bulletin.items(1).reason(), "BEHIND_TARGET");
  EXPECT_EQ(bulletin.items(2).reason(), "OVERDUE_REQUEST");
  EXPECT_EQ(bulletin.items(2).unit_code(), "U2");
  EXPECT_EQ(bulletin.items(2).detail(), "诉求#7（用地）应于2026-10-15前办结，已超期");
  EXPECT_EQ(bulletin.items(3).reason(), "STALE_LEDGER");
  EXPECT_EQ(bulletin.items(3).detail(), "项目#9（新能源电池）台账45天未更新");
  // The text: the title, then one line per item; a unit is named by the
  // name progress gave it, else by its code's label.
  const std::string text = bulletin.text();
  EXPECT_EQ(text.rfind(bulletin.title() + "\n", 0), 0u) << text;
  EXPECT_NE(text.find("投资促进一局进度领先："), std::string::npos) << text;
  EXPECT_NE(text.find("投资促进二局进度滞后："), std::string::npos) << text;
  EXPECT_NE(text.find("\n投资促进二局：诉求#7（用地）应于2026-10-15前办结，已超期"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("：项目#9（新能源电池）台账45天未更新"), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 4) << text;
  EXPECT_FALSE(bulletin.has_publish_time());  // stamped when it is stored
}

TEST(BulletinText, NothingToReportIsJustTheTitle) {
  const cv1::DateRange period = Range("2026-03-01", "2026-03-31");
  const v1::Bulletin bulletin = ComposeBulletin(period, {}, {});
  EXPECT_EQ(bulletin.items_size(), 0);
  EXPECT_EQ(bulletin.text(), BulletinTitle(period) + "\n");
}

}  // namespace
}  // namespace zs::supervision

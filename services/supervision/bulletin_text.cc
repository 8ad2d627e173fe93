#include "services/supervision/bulletin_text.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/labels.h"
#include "common/validation.h"

namespace zs::supervision {
namespace {

const char* MetricUnit(v1::Metric metric) {
  switch (metric) {
    case v1::METRIC_OUTBOUND_TRIPS:
    case v1::METRIC_MERCHANT_VISITS:
      return "次";
    case v1::METRIC_LEADS:
      return "条";
    case v1::METRIC_SIGNED_INVESTMENT_WAN_YUAN:
    case v1::METRIC_STARTED_INVESTMENT_WAN_YUAN:
      return "万元";
    default:
      return "个";
  }
}

// 1234567 → "1,234,567". (Appended digit by digit: inserting the commas in
// place trips GCC 12's false -Wrestrict on std::string::insert.)
std::string Grouped(int64_t value) {
  const std::string digits = absl::StrCat(value < 0 ? -value : value);
  std::string grouped = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

}  // namespace

bool HasMeaningfulTarget(const v1::MetricProgress& metric, const cv1::DateRange& period) {
  if (metric.target() <= 0) return false;
  if (metric.yearly_target() <= 0) return true;  // only the pro-rated target is known
  const absl::CivilDay start = ParseDateOrDie(period.start_date());
  const absl::CivilDay end = ParseDateOrDie(period.end_date());
  // The same split ProRatedTarget makes: whole months as months/12, else days.
  if (start.day() == 1 && (end + 1).day() == 1) {
    return metric.yearly_target() * (end.month() - start.month() + 1) >= 12;
  }
  const int64_t days_in_year =
      absl::CivilDay(start.year() + 1, 1, 1) - absl::CivilDay(start.year(), 1, 1);
  return metric.yearly_target() * (end - start + 1) >= days_in_year;
}

std::string MetricFigure(const v1::MetricProgress& m) {
  return absl::StrFormat("%s %s/%s%s（%.0f%%）", EnumLabel(m.metric()), Grouped(m.actual()),
                         Grouped(m.target()), MetricUnit(m.metric()), m.completion() * 100);
}

std::vector<std::string> DescribeProgress(const std::vector<v1::UnitProgress>& units,
                                          const cv1::DateRange& period, v1::Bulletin* bulletin) {
  std::vector<std::string> ahead_lines, behind_lines;
  for (const v1::UnitProgress& unit : units) {
    // Money signed or started follows its projects: where the period's
    // share of the signing (or start) target is below one project, no
    // money is expected of it either.
    auto meaningful = [&](const v1::MetricProgress& m) {
      if (!HasMeaningfulTarget(m, period)) return false;
      v1::Metric projects = v1::METRIC_UNSPECIFIED;
      if (m.metric() == v1::METRIC_SIGNED_INVESTMENT_WAN_YUAN)
        projects = v1::METRIC_SIGNED_PROJECTS;
      if (m.metric() == v1::METRIC_STARTED_INVESTMENT_WAN_YUAN) {
        projects = v1::METRIC_STARTED_PROJECTS;
      }
      for (const v1::MetricProgress& other : unit.metrics()) {
        if (other.metric() == projects && other.target() > 0) {
          return HasMeaningfulTarget(other, period);
        }
      }
      return true;
    };
    std::vector<std::string> reached, behind;
    bool all_reached = true;
    for (const v1::MetricProgress& m : unit.metrics()) {
      if (!meaningful(m)) continue;
      if (m.completion() >= 1.0) {
        reached.push_back(MetricFigure(m));
      } else {
        all_reached = false;
      }
      if (m.completion() < 0.5) behind.push_back(MetricFigure(m));
    }
    const std::string name = unit.unit_name().empty()
                                 ? OrgLabel(Directory::Seeded(), unit.unit_code())
                                 : unit.unit_name();
    if (all_reached && !reached.empty()) {
      v1::BulletinItem* item = bulletin->add_items();
      item->set_unit_code(unit.unit_code());
      item->set_reason("AHEAD_OF_TARGET");
      item->set_detail(absl::StrJoin(reached, "，"));
      ahead_lines.push_back(absl::StrCat(name, "进度领先：", item->detail()));
    }
    if (!behind.empty()) {
      v1::BulletinItem* item = bulletin->add_items();
      item->set_unit_code(unit.unit_code());
      item->set_reason("BEHIND_TARGET");
      item->set_detail(absl::StrJoin(behind, "，"));
      behind_lines.push_back(absl::StrCat(name, "进度滞后：", item->detail()));
    }
  }
  ahead_lines.insert(ahead_lines.end(), behind_lines.begin(), behind_lines.end());
  return ahead_lines;
}

std::string BulletinTitle(const cv1::DateRange& period) {
  return absl::StrCat("招商引资动态通报（", period.start_date(), " 至 ", period.end_date(), "）");
}

v1::Bulletin ComposeBulletin(const cv1::DateRange& period,
                             const std::vector<v1::UnitProgress>& units,
                             const BulletinFindings& findings) {
  v1::Bulletin bulletin;
  bulletin.set_title(BulletinTitle(period));
  *bulletin.mutable_period() = period;
  std::vector<std::string> lines = DescribeProgress(units, period, &bulletin);
  // Tickets and projects name their unit by code: people read its name.
  std::map<std::string, std::string> unit_names;
  for (const v1::UnitProgress& unit : units) unit_names[unit.unit_code()] = unit.unit_name();
  auto unit_name = [&](const std::string& code) {
    auto it = unit_names.find(code);
    return it != unit_names.end() && !it->second.empty() ? it->second
                                                         : OrgLabel(Directory::Seeded(), code);
  };
  for (const pv1::EnterpriseRequest& r : findings.overdue_requests) {
    v1::BulletinItem* item = bulletin.add_items();
    item->set_unit_code(r.unit_code());
    item->set_reason("OVERDUE_REQUEST");
    item->set_detail(absl::StrCat("诉求#", r.id(), "（", r.category(), "）应于", r.due_date(),
                                  "前办结，已超期"));
    lines.push_back(absl::StrCat(unit_name(r.unit_code()), "：", item->detail()));
  }
  for (const pv1::Project& p : findings.stale_projects) {
    v1::BulletinItem* item = bulletin.add_items();
    item->set_unit_code(p.unit_code());
    item->set_reason("STALE_LEDGER");
    item->set_detail(
        absl::StrCat("项目#", p.id(), "（", p.name(), "）台账", findings.stale_days, "天未更新"));
    lines.push_back(absl::StrCat(unit_name(p.unit_code()), "：", item->detail()));
  }
  bulletin.set_text(absl::StrCat(bulletin.title(), "\n", absl::StrJoin(lines, "\n")));
  return bulletin;
}

}  // namespace zs::supervision

#include "client/readable.h"

#include <google/protobuf/util/time_util.h>

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "client/output.h"
#include "client/request_fields.h"
#include "common/clock.h"
#include "common/labels.h"
#include "zhaoshang/lead/v1/lead_service.pb.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"
#include "zhaoshang/supervision/v1/supervision_service.pb.h"

namespace zs::client {
namespace {

using zhaoshang::common::v1::DateRange;
using zhaoshang::lead::v1::Lead;
using zhaoshang::lead::v1::LeadDeadline;
using zhaoshang::lead::v1::ListOverdueLeadsResponse;
using zhaoshang::supervision::v1::Metric;
using zhaoshang::supervision::v1::Progress;
using zhaoshang::supervision::v1::Snapshot;
using zhaoshang::supervision::v1::UnitProgress;

constexpr char kOwnRowMark[] = "▶";

// A unit's or office's name: the one the response carries (units created
// since the client was built), else the directory's.
std::string UnitName(const std::string& name, const std::string& code,
                     const ReadableContext& context) {
  return name.empty() ? OrgLabel(*context.directory, code) : name;
}

// Who collected a lead: its office, else its unit.
std::string CollectedBy(const Lead& lead, const ReadableContext& context) {
  return OrgLabel(*context.directory,
                  lead.office_code().empty() ? lead.unit_code() : lead.office_code());
}

std::string Percent(double completion) {
  return absl::StrCat(static_cast<int64_t>(std::lround(completion * 100)), "%");
}

std::string Points(double value) { return absl::StrFormat("%.1f", value); }

// One row per unit, in rank order: every metric with a target as
// "done/target pct", then score and rank.
std::string UnitTable(const std::string& title, const DateRange& period,
                      const google::protobuf::RepeatedPtrField<UnitProgress>& units,
                      const ReadableContext& context) {
  if (units.empty()) {
    return absl::StrCat(title, " ", period.start_date(), " – ", period.end_date(), ": no units\n");
  }
  // The metrics any unit has a target for, in the contract's order.
  std::vector<Metric> metrics;
  for (int m = 1; m <= zhaoshang::supervision::v1::Metric_MAX; ++m) {
    for (const UnitProgress& unit : units) {
      bool used = false;
      for (const auto& metric : unit.metrics()) used |= metric.metric() == m && metric.target() > 0;
      if (used) {
        metrics.push_back(static_cast<Metric>(m));
        break;
      }
    }
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"", "rank", "unit"};
  for (Metric metric : metrics) {
    header.push_back(zs::EnumLabel(metric));
  }
  header.insert(header.end(), {"penalty", "reward", "score"});
  rows.push_back(header);
  bool marked = false;
  std::string own_name;
  for (const UnitProgress& unit : units) {
    const bool own = !context.own_unit.empty() && unit.unit_code() == context.own_unit;
    const std::string name = UnitName(unit.unit_name(), unit.unit_code(), context);
    marked |= own;
    if (own) own_name = name;
    std::vector<std::string> row = {own ? kOwnRowMark : "",
                                    unit.rank() > 0 ? absl::StrCat(unit.rank()) : "-", name};
    for (Metric metric : metrics) {
      std::string cell = "-";
      for (const auto& progress : unit.metrics()) {
        if (progress.metric() == metric && progress.target() > 0) {
          cell = absl::StrCat(progress.actual(), "/", progress.target(), " ",
                              Percent(progress.completion()));
        }
      }
      row.push_back(cell);
    }
    row.insert(row.end(), {unit.penalty_points() > 0 ? "-" + Points(unit.penalty_points()) : "",
                           unit.reward_points() > 0 ? "+" + Points(unit.reward_points()) : "",
                           Points(unit.score())});
    rows.push_back(std::move(row));
  }
  std::string out = absl::StrCat(title, " ", period.start_date(), " – ", period.end_date(), ", ",
                                 units.size(), units.size() == 1 ? " unit" : " units", "\n");
  absl::StrAppend(&out, FormatTable(rows));
  absl::StrAppend(&out, "metrics: done/target for the period (yearly targets pro-rated)");
  if (marked) absl::StrAppend(&out, "; ", kOwnRowMark, " your unit (", own_name, ")");
  absl::StrAppend(&out, "\n");
  return out;
}

std::string EnterpriseCell(int64_t id, const ReadableContext& context) {
  if (id == 0) return "";
  auto it = context.enterprise_names.find(id);
  return it == context.enterprise_names.end() ? absl::StrCat(id)
                                              : absl::StrCat(id, " ", it->second);
}

absl::Time ToTime(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

std::string OverdueTable(const ListOverdueLeadsResponse& response, const ReadableContext& context) {
  if (response.leads().empty()) return "no overdue leads\n";
  std::vector<std::vector<std::string>> rows = {
      {"id", "title", "enterprise", "collected by", "owner", "overdue", "due (CST)"}};
  for (const Lead& lead : response.leads()) {
    std::vector<std::string> overdue, due;
    for (const LeadDeadline& deadline : lead.deadlines()) {
      if (!deadline.overdue()) continue;
      overdue.push_back(absl::StrCat(zs::EnumLabel(deadline.kind()), " ",
                                     HumanDuration(context.now - ToTime(deadline.due_time()))));
      due.push_back(ChinaTime(ToTime(deadline.due_time())));
    }
    rows.push_back({absl::StrCat(lead.id()), lead.title(),
                    EnterpriseCell(lead.enterprise_id(), context), CollectedBy(lead, context),
                    lead.follow_up_owner().empty() ? "(none)" : lead.follow_up_owner(),
                    absl::StrJoin(overdue, "; "), absl::StrJoin(due, "; ")});
  }
  return FormatTable(rows);
}

std::string LeadsTable(const zhaoshang::lead::v1::ListLeadsResponse& response,
                       const ReadableContext& context) {
  std::vector<std::vector<std::string>> rows = {
      {"id", "title", "status", "enterprise", "collected by", "owner", "collected"}};
  for (const Lead& lead : response.leads()) {
    rows.push_back({absl::StrCat(lead.id()), lead.title(), zs::EnumLabel(lead.status()),
                    EnterpriseCell(lead.enterprise_id(), context), CollectedBy(lead, context),
                    lead.follow_up_owner(), lead.collected_date()});
  }
  return FormatTable(rows);
}

std::string FigureLabel(zhaoshang::reporting::v1::Figure figure) { return zs::EnumLabel(figure); }

std::string CountAndMoney(const zhaoshang::reporting::v1::FigureValue& value) {
  return value.investment_wan_yuan() == 0
             ? absl::StrCat(value.count())
             : absl::StrCat(value.count(), " / ", value.investment_wan_yuan(), " 万元");
}

// The figures, one per row (with the comparisons when asked for), then
// each breakdown as its own small table.
std::string ReportTables(const zhaoshang::reporting::v1::PeriodReport& report,
                         const ReadableContext& context) {
  std::string out =
      absl::StrCat("Report ", report.period().start_date(), " – ", report.period().end_date(),
                   report.from_cache() ? " (closed period, from cache)" : "", "\n");
  std::vector<std::vector<std::string>> rows = {{"figure", "count", "investment (万元)"}};
  const bool compared = !report.comparisons().empty();
  if (compared) rows[0].insert(rows[0].end(), {"previous period", "same period last year"});
  for (const auto& value : report.figures()) {
    std::vector<std::string> row = {FigureLabel(value.figure()), absl::StrCat(value.count()),
                                    absl::StrCat(value.investment_wan_yuan())};
    if (compared) {
      row.insert(row.end(), {"", ""});
      for (const auto& comparison : report.comparisons()) {
        if (comparison.figure() != value.figure()) continue;
        row[3] = CountAndMoney(comparison.previous_period());
        row[4] = CountAndMoney(comparison.same_period_last_year());
      }
    }
    rows.push_back(std::move(row));
  }
  absl::StrAppend(&out, FormatTable(rows));
  for (const auto& breakdown : report.breakdowns()) {
    absl::StrAppend(&out, "\n", FigureLabel(breakdown.figure()), "（按",
                    zs::EnumLabel(breakdown.group_by()), "）\n");
    std::vector<std::vector<std::string>> table = {{"", "count", "investment (万元)"}};
    for (const auto& row : breakdown.rows()) {
      table.push_back({AggregateKeyLabel(breakdown.group_by(), row.key(), *context.directory),
                       absl::StrCat(row.count()), absl::StrCat(row.investment_wan_yuan())});
    }
    absl::StrAppend(&out, FormatTable(table));
  }
  return out;
}

}  // namespace

std::string HumanDuration(absl::Duration duration) {
  if (duration < absl::ZeroDuration()) duration = absl::ZeroDuration();
  const int64_t minutes = absl::ToInt64Minutes(duration);
  const int64_t days = minutes / (24 * 60), hours = minutes / 60 % 24, rest = minutes % 60;
  if (days > 0) return absl::StrCat(days, "d ", hours, "h");
  if (hours > 0) return absl::StrCat(hours, "h ", rest, "m");
  return absl::StrCat(rest, "m");
}

std::string ChinaTime(absl::Time time) {
  return absl::FormatTime("%Y-%m-%d %H:%M", time, ChinaTimeZone());
}

std::optional<std::string> RenderReadable(const google::protobuf::Message& response,
                                          const ReadableContext& context) {
  if (const auto* progress = dynamic_cast<const Progress*>(&response)) {
    return UnitTable("Progress", progress->period(), progress->units(), context);
  }
  if (const auto* snapshot = dynamic_cast<const Snapshot*>(&response)) {
    const std::string title =
        snapshot->kind() == Snapshot::KIND_MONTHLY_RANKING ? "Monthly ranking" : "Weekly summary";
    std::string out = UnitTable(absl::StrCat(title, " #", snapshot->id()), snapshot->period(),
                                snapshot->units(), context);
    if (snapshot->has_publish_time()) {
      absl::StrAppend(&out, "published ", ChinaTime(ToTime(snapshot->publish_time())), " CST by ",
                      snapshot->published_by(), ", rules ", snapshot->rule_version(), "\n");
    }
    return out;
  }
  if (const auto* overdue = dynamic_cast<const ListOverdueLeadsResponse*>(&response)) {
    return OverdueTable(*overdue, context);
  }
  if (const auto* report = dynamic_cast<const zhaoshang::reporting::v1::PeriodReport*>(&response)) {
    return ReportTables(*report, context);
  }
  if (const auto* leads = dynamic_cast<const zhaoshang::lead::v1::ListLeadsResponse*>(&response)) {
    return LeadsTable(*leads, context);
  }
  return std::nullopt;
}

}  // namespace zs::client

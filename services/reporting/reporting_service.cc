#include "services/reporting/reporting_service.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/fingerprint.h"
#include "services/reporting/bulletin.h"
#include "services/reporting/export.h"
#include "services/reporting/period.h"

namespace zs::reporting {

using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

ReportingServiceImpl::ReportingServiceImpl(WorkerPool& pool, WorkerPool& report_pool,
                                           const ReportSources& sources,
                                           absl::Duration max_call_time,
                                           absl::Duration closed_period_cache_ttl,
                                           const Gatekeeper& gatekeeper, ExportHeading heading)
    : executor_(pool, max_call_time, gatekeeper, AccessPolicy::Of<rv1::ReportingService>()),
      report_executor_(report_pool, max_call_time, gatekeeper,
                       AccessPolicy::Of<rv1::ReportingService>()),
      sources_(sources),
      cache_(closed_period_cache_ttl, 256),
      heading_(std::move(heading)) {}

absl::Status ReportingServiceImpl::BuildReport(const CallContext& call,
                                               const rv1::GetPeriodReportRequest& request,
                                               rv1::PeriodReport* report) {
  ZS_RETURN_IF_ERROR(ValidatePeriod(request.period()));
  std::set<int> seen;
  for (int group_by : request.breakdowns()) {
    if (!cv1::GroupBy_IsValid(group_by) || group_by == cv1::GROUP_BY_UNSPECIFIED) {
      return InvalidField("breakdowns", absl::StrCat("unknown dimension ", group_by));
    }
    if (!seen.insert(group_by).second) {
      return InvalidField("breakdowns",
                          absl::StrCat(cv1::GroupBy_Name(group_by), " is listed twice"));
    }
  }
  const bool closed = IsClosed(request.period(), TodayInChina());
  const std::string key = absl::StrCat(MessageFingerprint(request, {}), "/", call.principal.id);
  if (closed) {
    if (std::optional<rv1::PeriodReport> cached = cache_.Get(key)) {
      *report = *std::move(cached);
      report->set_from_cache(true);
      return absl::OkStatus();
    }
  }
  *report->mutable_period() = request.period();
  std::vector<cv1::GroupBy> breakdowns;
  for (int g : request.breakdowns()) breakdowns.push_back(static_cast<cv1::GroupBy>(g));
  ZS_ASSIGN_OR_RETURN(ReportSources::Parts parts,
                      sources_.Report(call, request.period(), breakdowns));
  for (rv1::FigureValue& value : parts.figures) *report->add_figures() = std::move(value);
  *report->mutable_breakdowns() = std::move(parts.breakdowns);
  if (request.with_comparison()) {
    ZS_ASSIGN_OR_RETURN(ReportSources::Parts previous,
                        sources_.Report(call, PreviousPeriod(request.period()), {}));
    ZS_ASSIGN_OR_RETURN(ReportSources::Parts last_year,
                        sources_.Report(call, SamePeriodLastYear(request.period()), {}));
    for (size_t i = 0; i < previous.figures.size(); ++i) {
      rv1::Comparison* comparison = report->add_comparisons();
      comparison->set_figure(previous.figures[i].figure());
      *comparison->mutable_previous_period() = previous.figures[i];
      *comparison->mutable_same_period_last_year() = last_year.figures[i];
    }
  }
  if (closed) cache_.Put(key, *report);
  return absl::OkStatus();
}

ServerUnaryReactor* ReportingServiceImpl::GetPeriodReport(
    CallbackServerContext* context, const rv1::GetPeriodReportRequest* request,
    rv1::PeriodReport* response) {
  return report_executor_.Run(context, *request,
                              [=, this](const CallContext& call, ConnectionSlot&) {
                                return BuildReport(call, *request, response);
                              });
}

ServerUnaryReactor* ReportingServiceImpl::ListFigureRecords(
    CallbackServerContext* context, const rv1::ListFigureRecordsRequest* request,
    rv1::ListFigureRecordsResponse* response) {
  return executor_.Run(context, *request,
                       [=, this](const CallContext& call, ConnectionSlot&) -> absl::Status {
                         ZS_RETURN_IF_ERROR(ValidatePeriod(request->period()));
                         if (!rv1::Figure_IsValid(request->figure())) {
                           return InvalidField("figure", "unknown value");
                         }
                         return sources_.Records(call, *request, response);
                       });
}

ServerUnaryReactor* ReportingServiceImpl::ExportPeriodReport(
    CallbackServerContext* context, const rv1::ExportPeriodReportRequest* request,
    rv1::ExportPeriodReportResponse* response) {
  return report_executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot&) -> absl::Status {
        if (request->format() != rv1::EXPORT_FORMAT_CSV &&
            request->format() != rv1::EXPORT_FORMAT_XLSX) {
          return InvalidField("format", "must be EXPORT_FORMAT_CSV or EXPORT_FORMAT_XLSX");
        }
        // A report asked without breakdowns is exported with the three a
        // bureau's tables always carry (and its charts draw): by month,
        // industry and unit.
        rv1::GetPeriodReportRequest report_request = request->report();
        if (report_request.breakdowns().empty()) {
          for (cv1::GroupBy g : {cv1::GROUP_BY_MONTH, cv1::GROUP_BY_INDUSTRY, cv1::GROUP_BY_UNIT}) {
            report_request.add_breakdowns(g);
          }
        }
        rv1::PeriodReport report;
        if (absl::Status built = BuildReport(call, report_request, &report); !built.ok()) {
          return WithFieldPrefix(built, "report");
        }
        ExportHeading heading = heading_;
        heading.date = TodayInChina();
        const std::string base = absl::StrCat("招商引资统计_", report.period().start_date(), "_",
                                              report.period().end_date());
        if (request->format() == rv1::EXPORT_FORMAT_CSV) {
          response->set_file_name(base + ".csv");
          response->set_content_type("text/csv; charset=utf-8");
          response->set_content(ReportCsv(report, heading));
          return absl::OkStatus();
        }
        ZS_ASSIGN_OR_RETURN(std::string workbook, ReportXlsx(report, heading));
        response->set_file_name(base + ".xlsx");
        response->set_content_type(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response->set_content(std::move(workbook));
        return absl::OkStatus();
      });
}

ServerUnaryReactor* ReportingServiceImpl::GetBulletinText(
    CallbackServerContext* context, const rv1::GetBulletinTextRequest* request,
    rv1::BulletinText* response) {
  return report_executor_.Run(
      context, *request, [=, this](const CallContext& call, ConnectionSlot&) -> absl::Status {
        if (!rv1::Language_IsValid(request->language())) {
          return InvalidField("language", "unknown value");
        }
        rv1::GetPeriodReportRequest report_request;
        *report_request.mutable_period() = request->period();
        rv1::PeriodReport report;
        ZS_RETURN_IF_ERROR(BuildReport(call, report_request, &report));
        response->set_text(request->language() == rv1::LANGUAGE_EN ? BulletinEn(report)
                                                                   : BulletinZh(report));
        return absl::OkStatus();
      });
}

}  // namespace zs::reporting

// The ReportingService RPCs: period reports composed from the lead and
// project services' aggregates, drill-down lists, exports and bulletin text.
// It owns no tables; its worker pool only bounds the blocking calls it makes.
#pragma once

#include "absl/time/time.h"
#include "common/db/worker_pool.h"
#include "common/rpc.h"
#include "services/reporting/export.h"
#include "services/reporting/report_cache.h"
#include "services/reporting/sources.h"
#include "zhaoshang/reporting/v1/reporting_service.grpc.pb.h"

namespace zs::reporting {

class ReportingServiceImpl final : public rv1::ReportingService::CallbackService {
 public:
  // Whatever builds a report (the report, its export, the bulletin text)
  // runs on `report_pool`, which bounds how many are built at once; lists
  // of records on `pool`.
  ReportingServiceImpl(WorkerPool& pool, WorkerPool& report_pool, const ReportSources& sources,
                       absl::Duration max_call_time, absl::Duration closed_period_cache_ttl,
                       const Gatekeeper& gatekeeper, ExportHeading heading = {});

  grpc::ServerUnaryReactor* GetPeriodReport(grpc::CallbackServerContext* context,
                                            const rv1::GetPeriodReportRequest* request,
                                            rv1::PeriodReport* response) override;
  grpc::ServerUnaryReactor* ListFigureRecords(grpc::CallbackServerContext* context,
                                              const rv1::ListFigureRecordsRequest* request,
                                              rv1::ListFigureRecordsResponse* response) override;
  grpc::ServerUnaryReactor* ExportPeriodReport(grpc::CallbackServerContext* context,
                                               const rv1::ExportPeriodReportRequest* request,
                                               rv1::ExportPeriodReportResponse* response) override;
  grpc::ServerUnaryReactor* GetBulletinText(grpc::CallbackServerContext* context,
                                            const rv1::GetBulletinTextRequest* request,
                                            rv1::BulletinText* response) override;

 private:
  // The report for `request`, from the cache when its period is closed.
  absl::Status BuildReport(const CallContext& call, const rv1::GetPeriodReportRequest& request,
                           rv1::PeriodReport* report);

  RpcExecutor executor_;
  RpcExecutor report_executor_;
  const ReportSources& sources_;
  ReportCache cache_;
  const ExportHeading heading_;  // its date is set per export
};

}  // namespace zs::reporting

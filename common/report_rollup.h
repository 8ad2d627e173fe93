// Maintained rollups of the report's figures (#20), kept by the lead and
// project services in their own schemas (lead/0006 and project/0004
// report_rollups migrations).
//
// Writes never touch a shared counter: triggers on the records insert the
// change a write makes to the report as signed fact rows (report_deltas),
// in the write's own transaction. FoldReportDeltas moves committed deltas
// into per-day and per-month cells (report_rollup_days, _months) in one
// transaction, on the service's worker pool; RunRollupAggregate
// (common/aggregate.h) reads cells plus the deltas not folded yet in one
// statement, so a report is exact at every moment whether or not a fold
// has run. RebuildReportRollups recomputes everything from the records
// (the bulk loader uses it; `--rebuild_report_rollups` runs it on demand)
// and says where the rollups had drifted.
#pragma once

#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"

namespace zs {

struct FoldResult {
  long folded = 0;  // delta rows folded
  // How long the oldest of them waited since its write's transaction
  // began: the rollups' lag behind the records, in seconds.
  double oldest_seconds = 0;
  bool skipped = false;  // another fold (another replica) was running
};

// Folds up to `max_rows` of the oldest committed deltas of the connection's
// schema into the rollup cells, in the caller's transaction. One fold runs
// at a time per schema (an advisory lock; a second one returns skipped).
FoldResult FoldReportDeltas(pqxx::transaction_base& tx, int max_rows);

// One cell where the rollups (cells plus unfolded deltas) differ from the
// records.
struct RollupDifference {
  std::string figure, day, dimension, key;
  long expected_count = 0, found_count = 0;
  long expected_amount = 0, found_amount = 0;  // 万元
};

// Recomputes every cell from the records (rebuild_record_facts(), defined by
// each schema's migration) in the caller's transaction, returns the cells
// that differed, and replaces the rollups with the recomputed cells.
// Writers of the schema wait for it (it locks report_deltas).
std::vector<RollupDifference> RebuildReportRollups(pqxx::transaction_base& tx);

// Runs FoldReportDeltas on `pool` every `interval` until the backlog is
// folded, and publishes zs_report_deltas_folded_total and
// zs_report_rollup_lag_seconds.
class ReportRollupFolder {
 public:
  ReportRollupFolder(WorkerPool& pool, absl::Duration interval, int batch_rows);
  ~ReportRollupFolder();
  ReportRollupFolder(const ReportRollupFolder&) = delete;
  ReportRollupFolder& operator=(const ReportRollupFolder&) = delete;

 private:
  void Loop();

  WorkerPool& pool_;
  absl::Duration interval_;
  int batch_rows_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool pending_ = false;  // a fold is queued or running: never queue two
  std::thread thread_;
};

}  // namespace zs

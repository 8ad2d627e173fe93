#include "common/report_rollup.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/aggregate.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/logging.h"
#include "common/queries.h"
#include "common/telemetry/metrics.h"

namespace zs {

FoldResult FoldReportDeltas(pqxx::transaction_base& tx, int max_rows) {
  if (!ExecPrepared(tx, queries::kReportRollupTryLock)[0]["locked"].as<bool>()) {
    return {.skipped = true};
  }
  const pqxx::row row =
      ExecPrepared(tx, queries::kReportRollupFold, max_rows, kOneYiWanYuan, kTenYiWanYuan)[0];
  return {.folded = row["folded"].as<long>(), .oldest_seconds = row["oldest_seconds"].as<double>()};
}

std::vector<RollupDifference> RebuildReportRollups(pqxx::transaction_base& tx) {
  Exec(tx, queries::kReportRollupLockQueue);
  Exec(tx, queries::kReportRollupCreateRebuiltCells);
  Exec(tx, queries::kReportRollupFillRebuiltCells, kOneYiWanYuan, kTenYiWanYuan);
  std::vector<RollupDifference> differences;
  for (const pqxx::row& row :
       Exec(tx, queries::kReportRollupDifferences, kOneYiWanYuan, kTenYiWanYuan)) {
    differences.push_back({.figure = row["figure"].as<std::string>(),
                           .day = row["day"].as<std::string>(),
                           .dimension = row["dimension"].as<std::string>(),
                           .key = row["key"].as<std::string>(),
                           .expected_count = row["expected_count"].as<long>(),
                           .found_count = row["found_count"].as<long>(),
                           .expected_amount = row["expected_amount"].as<long>(),
                           .found_amount = row["found_amount"].as<long>()});
  }
  Exec(tx, queries::kReportRollupClear);
  Exec(tx, queries::kReportRollupRefill);
  return differences;
}

ReportRollupFolder::ReportRollupFolder(WorkerPool& pool, absl::Duration interval, int batch_rows)
    : pool_(pool), interval_(interval), batch_rows_(batch_rows) {
  thread_ = std::thread([this] { Loop(); });
}

ReportRollupFolder::~ReportRollupFolder() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  // A fold still queued on the pool runs before this is gone.
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return !pending_; });
}

void ReportRollupFolder::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto interval = absl::ToChronoMilliseconds(interval_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    if (pending_) continue;
    pending_ = true;
    // Queued like a call: a full pool delays the fold, which only delays
    // when deltas become cells (reports read unfolded deltas too).
    const bool queued = pool_.Submit([this, batch = batch_rows_](ConnectionSlot& slot) {
      FoldResult result;
      do {
        const absl::Status status =
            RunTransaction(slot, absl::Now() + absl::Minutes(1), [&](pqxx::transaction_base& tx) {
              result = FoldReportDeltas(tx, batch);
              return absl::OkStatus();
            });
        if (!status.ok()) {
          LogWarning(absl::StrCat("folding report deltas failed: ", status.message()));
          break;
        }
        if (result.skipped) break;
        metrics::ObserveReportFold(result.folded, result.oldest_seconds);
      } while (result.folded == batch);
      std::lock_guard<std::mutex> done(mutex_);
      pending_ = false;
      wake_.notify_all();
    });
    if (!queued) pending_ = false;
  }
}

}  // namespace zs

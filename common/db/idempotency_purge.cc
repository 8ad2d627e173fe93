#include "common/db/idempotency_purge.h"

#include <chrono>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/logging.h"
#include "common/queries.h"
#include "common/telemetry/metrics.h"

namespace zs {

absl::StatusOr<long> PurgeIdempotencyKeys(ConnectionSlot& slot, absl::Duration keep, int batch) {
  long purged = 0;
  for (long deleted = batch; deleted == batch;) {
    const absl::Status status =
        RunStatements(slot, absl::Now() + absl::Minutes(1), [&](pqxx::transaction_base& tx) {
          deleted = Exec(tx, queries::kIdempotencyPurge, absl::ToDoubleSeconds(keep), batch)
                        .affected_rows();
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    purged += deleted;
  }
  return purged;
}

namespace {

// zs_idempotency_records from the planner's estimate.
void RefreshRecordsEstimate(ConnectionSlot& slot) {
  (void)RunStatements(slot, absl::Now() + absl::Seconds(10), [](pqxx::transaction_base& tx) {
    const double estimate = Exec(tx, queries::kIdempotencyEstimate)[0]["reltuples"].as<double>();
    metrics::SetIdempotencyRecords(std::max(0.0, estimate));
    return absl::OkStatus();
  });
}

}  // namespace

IdempotencyPurger::IdempotencyPurger(WorkerPool& pool, absl::Duration keep, absl::Duration interval)
    : pool_(pool), keep_(keep), interval_(interval) {
  pool_.Submit(RefreshRecordsEstimate);
  thread_ = std::thread([this] { Loop(); });
}

IdempotencyPurger::~IdempotencyPurger() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void IdempotencyPurger::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto interval = absl::ToChronoMilliseconds(interval_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    // Queued like a call: when the pool is full it waits for the next turn.
    pool_.Submit([keep = keep_](ConnectionSlot& slot) {
      const absl::StatusOr<long> purged = PurgeIdempotencyKeys(slot, keep);
      RefreshRecordsEstimate(slot);
      if (purged.ok()) metrics::CountIdempotencyPurged(*purged);
      if (!purged.ok()) {
        LogWarning(absl::StrCat("purging old request ids failed: ", purged.status().message()));
      } else if (*purged > 0) {
        LogInfo(absl::StrCat("forgot ", *purged, " request ids older than the retention window"));
      }
    });
  }
}

}  // namespace zs

#include "common/db/audit_retention.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "common/db/prepared.h"
#include "common/db/transaction.h"
#include "common/logging.h"
#include "common/queries.h"

namespace zs {

absl::StatusOr<int> KeepAuditPartitions(ConnectionSlot& slot, int retention_months) {
  std::vector<std::string> dropped;
  const absl::Status status =
      RunStatements(slot, absl::Now() + absl::Minutes(1), [&](pqxx::transaction_base& tx) {
        Exec(tx, queries::kAuditEnsurePartitions);
        for (const pqxx::row& row : Exec(tx, queries::kAuditDropExpired, retention_months)) {
          dropped.push_back(row["dropped"].as<std::string>());
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  if (!dropped.empty()) {
    LogInfo(absl::StrCat("dropped audit partitions past the ", retention_months,
                         "-month retention: ", absl::StrJoin(dropped, ", ")));
  }
  return static_cast<int>(dropped.size());
}

AuditRetention::AuditRetention(WorkerPool& pool, int retention_months, absl::Duration interval)
    : pool_(pool), retention_months_(retention_months), interval_(interval) {
  thread_ = std::thread([this] { Loop(); });
}

AuditRetention::~AuditRetention() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AuditRetention::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto interval = absl::ToChronoMilliseconds(interval_);
  do {
    pool_.Submit([months = retention_months_](ConnectionSlot& slot) {
      if (absl::StatusOr<int> kept = KeepAuditPartitions(slot, months); !kept.ok()) {
        LogWarning(absl::StrCat("keeping the audit partitions failed: ", kept.status().message()));
      }
    });
  } while (!wake_.wait_for(lock, interval, [this] { return stopping_; }));
}

}  // namespace zs

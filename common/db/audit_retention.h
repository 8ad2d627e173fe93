// Keeps the audit trail's monthly partitions in shape (audit.sql): the next
// months' partitions exist before rows need them, and months past the
// retention (--audit_retention_months, never under six, as 等保 asks) are
// dropped whole. Every replica runs it; the functions take a lock and are
// idempotent.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"

namespace zs {

// One pass; returns how many monthly partitions were dropped.
absl::StatusOr<int> KeepAuditPartitions(ConnectionSlot& slot, int retention_months);

// Runs KeepAuditPartitions on `pool` every `interval`, first right away.
class AuditRetention {
 public:
  AuditRetention(WorkerPool& pool, int retention_months, absl::Duration interval);
  ~AuditRetention();
  AuditRetention(const AuditRetention&) = delete;
  AuditRetention& operator=(const AuditRetention&) = delete;

 private:
  void Loop();

  WorkerPool& pool_;
  const int retention_months_;
  const absl::Duration interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zs

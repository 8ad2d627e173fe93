// Forgets request ids once they are older than the retention window
// (AIP-155 asks servers to remember an id for a bounded time: a retry must
// arrive within the window; after it the same id is a new request). Without
// it idempotency_keys, one row per mutation ever made (with CreateLead's
// answer row), would grow for as long as the district runs.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/db/worker_pool.h"

namespace zs {

// Deletes the request ids recorded more than `keep` ago, in batches of
// `batch` rows (each its own statement, so none holds many row locks or a
// connection for long). Returns how many went.
absl::StatusOr<long> PurgeIdempotencyKeys(ConnectionSlot& slot, absl::Duration keep,
                                          int batch = 5000);

// Runs PurgeIdempotencyKeys on `pool` every `interval`, first one interval
// after start. Every replica purges; deleting by age twice is harmless.
class IdempotencyPurger {
 public:
  IdempotencyPurger(WorkerPool& pool, absl::Duration keep, absl::Duration interval);
  ~IdempotencyPurger();
  IdempotencyPurger(const IdempotencyPurger&) = delete;
  IdempotencyPurger& operator=(const IdempotencyPurger&) = delete;

 private:
  void Loop();

  WorkerPool& pool_;
  absl::Duration keep_, interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace zs

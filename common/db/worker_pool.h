// A bounded pool of database workers. Each worker thread owns one PostgreSQL
// connection, so the pool of threads *is* the connection pool: blocking
// libpqxx work never runs on gRPC's callback threads, at most `size` queries
// run at once, and a connection is never shared between threads.
//
// libpqxx ships no pool, and one thread per connection needs no second pool
// and no lock on the hot path beyond the job queue.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/telemetry/metrics.h"

namespace zs {

// A worker's connection, opened on first use and reopened after a failure.
class ConnectionSlot {
 public:
  // `read_conninfo`: a read-only endpoint (a streaming replica, CloudNativePG's
  // `-ro` service) for reads that may lag the primary; empty: none.
  explicit ConnectionSlot(std::string conninfo, std::string read_conninfo = "");
  // The open connection, or UNAVAILABLE when the database cannot be reached.
  absl::StatusOr<pqxx::connection*> Get();
  // Forget the connection after it broke; the next Get() reconnects.
  void Reset();

  // Keeps the session's statement_timeout between half of `remaining` and
  // all of it, setting it only when it falls outside: one SET per call
  // would cost a round trip per call, and callers with like deadlines
  // share a setting. Throws as libpqxx does; call with an open connection.
  void BoundStatementTime(absl::Duration remaining);

  // Where a read that may be a little stale goes (lists, drill-downs,
  // aggregates for reports): the read-only endpoint's connection when there
  // is one, else this slot. Writes, and reads that must see the caller's own
  // write, use this slot itself.
  ConnectionSlot& ForStaleReads() { return replica_ != nullptr ? *replica_ : *this; }

 private:
  std::string conninfo_;
  std::unique_ptr<ConnectionSlot> replica_;
  std::unique_ptr<pqxx::connection> connection_;
  absl::Duration statement_timeout_;  // the session's; zero: not set yet
};

class WorkerPool {
 public:
  using Job = std::function<void(ConnectionSlot&)>;

  // `max_queue` bounds waiting jobs; beyond it Submit refuses work so callers
  // can answer RESOURCE_EXHAUSTED instead of queueing without limit.
  // `name` labels the pool's metrics ("calls", "reports"). With a
  // `read_conninfo`, each worker also keeps a connection to that read-only
  // endpoint (ConnectionSlot::ForStaleReads), opened on its first stale read.
  WorkerPool(std::string conninfo, int size, int max_queue, absl::string_view name = "calls",
             std::string read_conninfo = "");
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool Submit(Job job);
  // Runs every queued job, then stops the workers and closes connections.
  void Shutdown();
  int size() const { return static_cast<int>(threads_.size()); }
  // False for a service that owns no schema (reporting): its workers only
  // bound the blocking calls it makes to other services.
  bool has_database() const { return !conninfo_.empty(); }

 private:
  void Run(ConnectionSlot& slot);

  struct Queued {
    Job job;
    absl::Time since;
  };

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Queued> queue_;
  size_t max_queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::string conninfo_;
  std::string read_conninfo_;
  metrics::PoolMetrics metrics_;
};

}  // namespace zs

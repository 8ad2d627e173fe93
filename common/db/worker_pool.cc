#include "common/db/worker_pool.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/logging.h"

namespace zs {

ConnectionSlot::ConnectionSlot(std::string conninfo, std::string read_conninfo)
    : conninfo_(std::move(conninfo)) {
  if (!read_conninfo.empty()) replica_ = std::make_unique<ConnectionSlot>(std::move(read_conninfo));
  // An unreachable host must not hold a worker for the kernel's TCP timeout:
  // connecting gives up after a few seconds unless told otherwise.
  if (conninfo_.find("connect_timeout") == std::string::npos) {
    conninfo_ += " connect_timeout=3";
  }
}

absl::StatusOr<pqxx::connection*> ConnectionSlot::Get() {
  if (connection_ != nullptr && connection_->is_open()) return connection_.get();
  connection_.reset();
  try {
    connection_ = std::make_unique<pqxx::connection>(conninfo_);
    statement_timeout_ = absl::ZeroDuration();
    return connection_.get();
  } catch (const std::exception& e) {
    LogWarning(absl::StrCat("database connection failed: ", e.what()));
    return absl::UnavailableError("the database is unreachable; retry with the same request_id");
  }
}

void ConnectionSlot::Reset() {
  connection_.reset();
  statement_timeout_ = absl::ZeroDuration();
}

void ConnectionSlot::BoundStatementTime(absl::Duration remaining) {
  if (statement_timeout_ > absl::ZeroDuration() && statement_timeout_ <= remaining &&
      statement_timeout_ >= remaining / 2) {
    return;
  }
  // PostgreSQL's limit is INT_MAX ms; beyond a day, no deadline (0) is meant.
  const bool unbounded = remaining > absl::Hours(24);
  const int64_t ms = unbounded ? 0 : std::max<int64_t>(1, absl::ToInt64Milliseconds(remaining));
  // Outside any transaction block, so a later rollback cannot undo it.
  pqxx::nontransaction(*connection_).exec(absl::StrCat("SET statement_timeout = ", ms));
  statement_timeout_ = unbounded ? absl::InfiniteDuration() : absl::Milliseconds(ms);
}

WorkerPool::WorkerPool(std::string conninfo, int size, int max_queue, absl::string_view name,
                       std::string read_conninfo)
    : max_queue_(static_cast<size_t>(max_queue)),
      conninfo_(std::move(conninfo)),
      read_conninfo_(std::move(read_conninfo)),
      metrics_(name, size, max_queue) {
  threads_.reserve(size);
  for (int i = 0; i < size; ++i) {
    threads_.emplace_back([this] {
      ConnectionSlot slot(conninfo_, read_conninfo_);
      Run(slot);
    });
  }
}

WorkerPool::~WorkerPool() { Shutdown(); }

bool WorkerPool::Submit(Job job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || queue_.size() >= max_queue_) {
      metrics_.Rejected();
      return false;
    }
    queue_.push_back({std::move(job), absl::Now()});
    metrics_.Queued();
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::Run(ConnectionSlot& slot) {
  for (;;) {
    Job job;
    absl::Time started;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front().job);
      started = absl::Now();
      metrics_.Started(started - queue_.front().since);
      queue_.pop_front();
    }
    job(slot);
    metrics_.Finished(absl::Now() - started);
  }
}

void WorkerPool::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

}  // namespace zs

#include "tests/bench/load_generator.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/time/clock.h"

namespace zs::bench {
namespace {

struct Shared {
  LoadLimits limits;
  const Operation* operation;
  absl::Time stop_at;
  std::atomic<long> started{0};
  RunStats stats;
  std::mutex mu;
  std::condition_variable all_done;
  int running;
};

void Next(const std::shared_ptr<Shared>& shared, int caller,
          const std::shared_ptr<std::mt19937>& random) {
  if (absl::Now() >= shared->stop_at || shared->started++ >= shared->limits.max_calls) {
    std::lock_guard lock(shared->mu);
    if (--shared->running == 0) shared->all_done.notify_all();
    return;
  }
  const absl::Time began = absl::Now();
  (*shared->operation)(
      caller, *random,
      [shared, caller, random, began](const std::string& name, const grpc::Status& status) {
        shared->stats.Record(name, absl::Now() - began, status);
        Next(shared, caller, random);
      });
}

}  // namespace

LoadResult RunLoad(const LoadLimits& limits, const Operation& operation,
                   const std::function<void()>& sample) {
  auto shared = std::make_shared<Shared>();
  shared->limits = limits;
  shared->operation = &operation;
  shared->running = limits.callers;
  const absl::Time started = absl::Now();
  shared->stop_at = started + limits.duration;
  for (int caller = 0; caller < limits.callers; ++caller) {
    Next(shared, caller, std::make_shared<std::mt19937>(1234 + caller));
  }
  {
    std::unique_lock lock(shared->mu);
    while (!shared->all_done.wait_for(lock, std::chrono::seconds(1),
                                      [&] { return shared->running == 0; })) {
      if (sample) {
        lock.unlock();
        sample();
        lock.lock();
      }
    }
  }
  LoadResult result;
  result.elapsed = absl::Now() - started;
  result.methods = shared->stats.Finish(result.elapsed);
  return result;
}

}  // namespace zs::bench

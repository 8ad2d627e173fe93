#include "services/reporting/report_cache.h"

#include "absl/time/clock.h"

namespace zs::reporting {

std::optional<zhaoshang::reporting::v1::PeriodReport> ReportCache::Get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (absl::Now() - it->second.stored > ttl_) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.report;
}

void ReportCache::Put(const std::string& key,
                      const zhaoshang::reporting::v1::PeriodReport& report) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Bounded: when full, start again rather than track recency; reports of
  // closed periods are cheap to recompute.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = {report, absl::Now()};
}

}  // namespace zs::reporting

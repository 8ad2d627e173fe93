// Reports of closed periods, kept for a short time. A period that has not
// ended is never cached, so its report is always computed from the records;
// a closed period can still change through late entries (business dates are
// often recorded afterwards), so its cached report lives only `ttl`.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "zhaoshang/reporting/v1/reporting_service.pb.h"

namespace zs::reporting {

class ReportCache {
 public:
  ReportCache(absl::Duration ttl, size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

  std::optional<zhaoshang::reporting::v1::PeriodReport> Get(const std::string& key);
  void Put(const std::string& key, const zhaoshang::reporting::v1::PeriodReport& report);

 private:
  struct Entry {
    zhaoshang::reporting::v1::PeriodReport report;
    absl::Time stored;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  absl::Duration ttl_;
  size_t max_entries_;
};

}  // namespace zs::reporting

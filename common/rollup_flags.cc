#include "common/rollup_flags.h"

#include <algorithm>
#include <string>

#include "absl/flags/flag.h"
#include "common/config.h"

ABSL_FLAG(bool, rebuild_report_rollups, false,
          "recompute the report rollups from the records, print every cell that differed, "
          "replace them, and exit: 0 when nothing differed, 1 when something did (it is "
          "mended), 2 on error. Writers wait while it runs.");
ABSL_FLAG(int, report_fold_interval_ms, zs::EnvOr("ZS_REPORT_FOLD_INTERVAL_MS", 200),
          "how often new report deltas are folded into the rollups; reports are exact "
          "either way, a fold only keeps them fast (env ZS_REPORT_FOLD_INTERVAL_MS)");
ABSL_FLAG(std::string, aggregate_source, zs::EnvOr("ZS_AGGREGATE_SOURCE", "rollups"),
          "rollups: aggregates read the maintained report rollups; records: they scan the "
          "records, as before the rollups (slow at scale; for comparing, or while a rebuild "
          "is due) (env ZS_AGGREGATE_SOURCE)");

namespace zs {

absl::StatusOr<RollupSettings> RollupSettingsFromFlags() {
  const std::string source = absl::GetFlag(FLAGS_aggregate_source);
  if (source != "rollups" && source != "records") {
    return absl::InvalidArgumentError("--aggregate_source must be rollups or records");
  }
  return RollupSettings{.rebuild = absl::GetFlag(FLAGS_rebuild_report_rollups),
                        .fold_interval = absl::Milliseconds(
                            std::max(10, absl::GetFlag(FLAGS_report_fold_interval_ms))),
                        .aggregates_from_records = source == "records"};
}

}  // namespace zs

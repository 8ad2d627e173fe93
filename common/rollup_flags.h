// The flags of a service that keeps report rollups (common/report_rollup.h):
// lead and project. In their own library, zs_rollup_flags, for the same
// reason as common/db_flags.h: only the binaries that keep rollups register
// --rebuild_report_rollups, --report_fold_interval_ms and --aggregate_source.
// A service main passes RollupSettingsFromFlags as
// ServiceDefinition::report_rollups.
#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace zs {

struct RollupSettings {
  // --rebuild_report_rollups: recompute, report, replace and exit.
  bool rebuild = false;
  absl::Duration fold_interval = absl::Milliseconds(200);  // at least 10 ms
  // Aggregates scan the records instead of reading the rollups.
  bool aggregates_from_records = false;
};

// INVALID_ARGUMENT for an --aggregate_source other than rollups or records.
absl::StatusOr<RollupSettings> RollupSettingsFromFlags();

}  // namespace zs

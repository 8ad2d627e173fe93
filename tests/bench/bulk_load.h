// The benchmark's district at scale, loaded with PostgreSQL COPY straight
// into the services' schemas: enterprises, leads, projects and their
// transitions, spread over 2024–2026 and over every unit, office, industry,
// channel and stage, the same every time (fixed seed). Audit triggers are
// skipped for the load (session_replication_role = replica): it is
// synthetic history, not calls anyone made.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace zs::bench {

struct DatasetSize {
  long enterprises = 100'000;
  long leads = 1'000'000;
  long projects = 100'000;
  long transitions = 500'000;
};

// Loads the dataset unless lead.leads already holds at least `size.leads`
// rows (a second run reuses it), then builds the report rollups from the
// records (common/report_rollup.h: COPY without triggers writes no deltas).
// `conninfo`: a superuser on the services' database.
absl::Status LoadDataset(const std::string& conninfo, const DatasetSize& size);

// Recomputes the lead and project schemas' report rollups from the records,
// as `--rebuild_report_rollups` does; logs how long it took.
absl::Status RebuildRollups(const std::string& conninfo);

}  // namespace zs::bench

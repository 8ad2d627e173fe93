#include "common/report_rollup.h"

#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "common/aggregate.h"
#include "common/db/transaction.h"
#include "common/logging.h"
#include "common/telemetry/metrics.h"

namespace zs {
namespace {

// The sums of a cell, as columns and as what a conflicting row adds.
constexpr char kSums[] =
    "row_count, count, amount, count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi";
constexpr char kSummed[] =
    "sum(row_count) AS row_count, sum(count) AS count, sum(amount) AS amount, "
    "sum(count_ge_1yi) AS count_ge_1yi, sum(amount_ge_1yi) AS amount_ge_1yi, "
    "sum(count_ge_10yi) AS count_ge_10yi, sum(amount_ge_10yi) AS amount_ge_10yi";
constexpr char kAddExcluded[] =
    "row_count = r.row_count + excluded.row_count, count = r.count + excluded.count, "
    "amount = r.amount + excluded.amount, "
    "count_ge_1yi = r.count_ge_1yi + excluded.count_ge_1yi, "
    "amount_ge_1yi = r.amount_ge_1yi + excluded.amount_ge_1yi, "
    "count_ge_10yi = r.count_ge_10yi + excluded.count_ge_10yi, "
    "amount_ge_10yi = r.amount_ge_10yi + excluded.amount_ge_10yi";

std::string Fill(const char* sql) {
  return absl::StrReplaceAll(sql, {{"{sums}", kSums},
                                   {"{summed}", kSummed},
                                   {"{add_excluded}", kAddExcluded},
                                   {"{folded_cells}", CellsOfFactsSql("folded")},
                                   {"{unfolded_cells}", CellsOfFactsSql("report_deltas")},
                                   {"{record_cells}", CellsOfFactsSql("rebuild_record_facts()")}});
}

// One fold: the oldest committed deltas leave report_deltas and are added
// to their daily and monthly cells, all in one statement.
const std::string& FoldSql() {
  static const std::string* const kSql = new std::string(Fill(R"sql(
WITH folded AS (
  DELETE FROM report_deltas
  WHERE id IN (SELECT id FROM report_deltas ORDER BY id LIMIT $1)
  RETURNING figure, day, sign, counted, amount, keys, recorded_at
), cells AS (
  SELECT figure, day, dimension, key, {summed} FROM ({folded_cells}) c
  GROUP BY figure, day, dimension, key
), days AS (
  INSERT INTO report_rollup_days AS r (figure, day, dimension, key, {sums})
  SELECT * FROM cells
  ON CONFLICT (figure, day, dimension, key) DO UPDATE SET {add_excluded}
), months AS (
  INSERT INTO report_rollup_months AS r (figure, month, dimension, key, {sums})
  SELECT figure, date_trunc('month', day)::date, dimension, key, {summed} FROM cells
  GROUP BY figure, date_trunc('month', day)::date, dimension, key
  ON CONFLICT (figure, month, dimension, key) DO UPDATE SET {add_excluded}
)
SELECT count(*) AS folded,
       COALESCE(EXTRACT(epoch FROM clock_timestamp() - min(recorded_at)), 0)::float8
         AS oldest_seconds
FROM folded)sql"));
  return *kSql;
}

// The cells where `table` (a rollup's cells, the month named `day`) plus the
// unfolded deltas differ from rebuilt_cells, at the table's grain.
std::string DifferencesSql(const char* table, const char* table_day, const char* grain) {
  return absl::StrReplaceAll(Fill(R"sql(
WITH expected AS (
  SELECT figure, {grain} AS day, dimension, key, {summed} FROM rebuilt_cells GROUP BY 1, 2, 3, 4
), found AS (
  SELECT figure, day, dimension, key, {summed}
  FROM (SELECT figure, {table_day} AS day, dimension, key, {sums} FROM {table}
        UNION ALL
        SELECT figure, {grain}, dimension, key, {sums} FROM ({unfolded_cells}) u) c
  GROUP BY 1, 2, 3, 4
)
SELECT figure, day::text, dimension, key, COALESCE(e.count, 0) AS expected_count,
       COALESCE(f.count, 0) AS found_count, COALESCE(e.amount, 0) AS expected_amount,
       COALESCE(f.amount, 0) AS found_amount
FROM expected e FULL JOIN found f USING (figure, day, dimension, key)
WHERE (COALESCE(e.row_count, 0), COALESCE(e.count, 0), COALESCE(e.amount, 0),
       COALESCE(e.count_ge_1yi, 0), COALESCE(e.amount_ge_1yi, 0),
       COALESCE(e.count_ge_10yi, 0), COALESCE(e.amount_ge_10yi, 0))
   <> (COALESCE(f.row_count, 0), COALESCE(f.count, 0), COALESCE(f.amount, 0),
       COALESCE(f.count_ge_1yi, 0), COALESCE(f.amount_ge_1yi, 0),
       COALESCE(f.count_ge_10yi, 0), COALESCE(f.amount_ge_10yi, 0))
ORDER BY figure, day, dimension, key)sql"),
                             {{"{table}", table}, {"{table_day}", table_day}, {"{grain}", grain}});
}

}  // namespace

FoldResult FoldReportDeltas(pqxx::transaction_base& tx, int max_rows) {
  // Two folds at once (two replicas) would each add what the other
  // deleted only after both committed; one waits its turn instead.
  if (!tx.exec1(
             "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.report_deltas'))")[0]
           .as<bool>()) {
    return {.skipped = true};
  }
  const pqxx::row row = tx.exec_params1(FoldSql(), max_rows);
  return {.folded = row["folded"].as<long>(), .oldest_seconds = row["oldest_seconds"].as<double>()};
}

std::vector<RollupDifference> RebuildReportRollups(pqxx::transaction_base& tx) {
  // Writers and folds wait until the rebuilt cells replace the old ones.
  tx.exec("LOCK TABLE report_deltas IN SHARE ROW EXCLUSIVE MODE");
  tx.exec(Fill(R"sql(
CREATE TEMP TABLE rebuilt_cells ON COMMIT DROP AS
SELECT figure, day, dimension, key, {summed} FROM ({record_cells}) c
GROUP BY figure, day, dimension, key)sql"));
  // Cells of all zeros go (a step of continuing projects may hold no rows
  // and still money: -1 at one investment, +1 at another).
  tx.exec(
      "DELETE FROM rebuilt_cells WHERE row_count = 0 AND count = 0 AND amount = 0 AND "
      "count_ge_1yi = 0 AND amount_ge_1yi = 0 AND count_ge_10yi = 0 AND amount_ge_10yi = 0");
  std::vector<RollupDifference> differences;
  for (const auto& [table, table_day, grain] :
       {std::tuple{"report_rollup_days", "day", "day"},
        std::tuple{"report_rollup_months", "month", "date_trunc('month', day)::date"}}) {
    for (const pqxx::row& row : tx.exec(DifferencesSql(table, table_day, grain))) {
      differences.push_back({.figure = row["figure"].as<std::string>(),
                             .day = row["day"].as<std::string>(),
                             .dimension = row["dimension"].as<std::string>(),
                             .key = row["key"].as<std::string>(),
                             .expected_count = row["expected_count"].as<long>(),
                             .found_count = row["found_count"].as<long>(),
                             .expected_amount = row["expected_amount"].as<long>(),
                             .found_amount = row["found_amount"].as<long>()});
    }
  }
  tx.exec(Fill(R"sql(
DELETE FROM report_deltas;
DELETE FROM report_rollup_days;
DELETE FROM report_rollup_months;
INSERT INTO report_rollup_days (figure, day, dimension, key, {sums})
SELECT figure, day, dimension, key, {sums} FROM rebuilt_cells;
INSERT INTO report_rollup_months (figure, month, dimension, key, {sums})
SELECT figure, date_trunc('month', day)::date, dimension, key, {summed} FROM rebuilt_cells
GROUP BY 1, 2, 3, 4)sql"));
  return differences;
}

ReportRollupFolder::ReportRollupFolder(WorkerPool& pool, absl::Duration interval, int batch_rows)
    : pool_(pool), interval_(interval), batch_rows_(batch_rows) {
  thread_ = std::thread([this] { Loop(); });
}

ReportRollupFolder::~ReportRollupFolder() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  // A fold still queued on the pool runs before this is gone.
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait(lock, [this] { return !pending_; });
}

void ReportRollupFolder::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto interval = absl::ToChronoMilliseconds(interval_);
  while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
    if (pending_) continue;
    pending_ = true;
    // Queued like a call: a full pool delays the fold, which only delays
    // when deltas become cells (reports read unfolded deltas too).
    const bool queued = pool_.Submit([this, batch = batch_rows_](ConnectionSlot& slot) {
      FoldResult result;
      do {
        const absl::Status status =
            RunTransaction(slot, absl::Now() + absl::Minutes(1), [&](pqxx::transaction_base& tx) {
              result = FoldReportDeltas(tx, batch);
              return absl::OkStatus();
            });
        if (!status.ok()) {
          LogWarning(absl::StrCat("folding report deltas failed: ", status.message()));
          break;
        }
        if (result.skipped) break;
        metrics::ObserveReportFold(result.folded, result.oldest_seconds);
      } while (result.folded == batch);
      std::lock_guard<std::mutex> done(mutex_);
      pending_ = false;
      wake_.notify_all();
    });
    if (!queued) pending_ = false;
  }
}

}  // namespace zs

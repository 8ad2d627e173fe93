-- A rebuild's next to last step: the old cells go, and the deltas they and
-- rebuilt_cells already hold.
WITH deltas AS (
  DELETE FROM report_deltas
), months AS (
  DELETE FROM report_rollup_months
)
DELETE FROM report_rollup_days

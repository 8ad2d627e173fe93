-- The rebuild's scratch table: the cells as the records give them, per day,
-- until the rebuild's transaction ends.
CREATE TEMP TABLE rebuilt_cells (LIKE report_rollup_days) ON COMMIT DROP

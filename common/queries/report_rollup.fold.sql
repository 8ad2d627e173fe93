-- One fold: the oldest $1 committed deltas leave report_deltas and are added
-- to their daily and monthly cells (report_fact_cells; $2 and $3 are the
-- investment bands' lower bounds in 万元), all in one statement. Returns how
-- many it folded and how long the oldest of them had waited, in seconds.
WITH folded AS (
  DELETE FROM report_deltas
  WHERE id IN (SELECT id FROM report_deltas ORDER BY id LIMIT $1)
  RETURNING figure, day, sign, counted, amount, keys, recorded_at
), cells AS (
  SELECT f.figure, f.day, c.dimension, c.key,
         sum(c.row_count) AS row_count, sum(c.count) AS count, sum(c.amount) AS amount,
         sum(c.count_ge_1yi) AS count_ge_1yi, sum(c.amount_ge_1yi) AS amount_ge_1yi,
         sum(c.count_ge_10yi) AS count_ge_10yi, sum(c.amount_ge_10yi) AS amount_ge_10yi
  FROM folded f CROSS JOIN LATERAL report_fact_cells(f.sign, f.counted, f.amount, f.keys, $2, $3) c
  GROUP BY f.figure, f.day, c.dimension, c.key
), days AS (
  INSERT INTO report_rollup_days AS r
    (figure, day, dimension, key, row_count, count, amount,
     count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi)
  SELECT * FROM cells
  ON CONFLICT (figure, day, dimension, key) DO UPDATE SET
    row_count = r.row_count + excluded.row_count, count = r.count + excluded.count,
    amount = r.amount + excluded.amount,
    count_ge_1yi = r.count_ge_1yi + excluded.count_ge_1yi,
    amount_ge_1yi = r.amount_ge_1yi + excluded.amount_ge_1yi,
    count_ge_10yi = r.count_ge_10yi + excluded.count_ge_10yi,
    amount_ge_10yi = r.amount_ge_10yi + excluded.amount_ge_10yi
), months AS (
  INSERT INTO report_rollup_months AS r
    (figure, month, dimension, key, row_count, count, amount,
     count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi)
  SELECT figure, date_trunc('month', day)::date, dimension, key,
         sum(row_count), sum(count), sum(amount), sum(count_ge_1yi), sum(amount_ge_1yi),
         sum(count_ge_10yi), sum(amount_ge_10yi)
  FROM cells
  GROUP BY figure, date_trunc('month', day)::date, dimension, key
  ON CONFLICT (figure, month, dimension, key) DO UPDATE SET
    row_count = r.row_count + excluded.row_count, count = r.count + excluded.count,
    amount = r.amount + excluded.amount,
    count_ge_1yi = r.count_ge_1yi + excluded.count_ge_1yi,
    amount_ge_1yi = r.amount_ge_1yi + excluded.amount_ge_1yi,
    count_ge_10yi = r.count_ge_10yi + excluded.count_ge_10yi,
    amount_ge_10yi = r.amount_ge_10yi + excluded.amount_ge_10yi
)
SELECT count(*) AS folded,
       COALESCE(EXTRACT(epoch FROM clock_timestamp() - min(recorded_at)), 0)::float8
         AS oldest_seconds
FROM folded

-- Where the rollups differ from rebuilt_cells: each daily and monthly cell
-- whose sums plus the deltas not folded yet are not what the records give.
-- $1/$2 the investment bands' lower bounds in 万元. Daily cells first, then
-- monthly ones (`day` is then the month's first day), each in key order.
WITH unfolded AS (
  SELECT d.figure, d.day, c.*
  FROM report_deltas d
  CROSS JOIN LATERAL report_fact_cells(d.sign, d.counted, d.amount, d.keys, $1, $2) c
), expected AS (
  SELECT 'day' AS grain, figure, day, dimension, key, row_count, count, amount,
         count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi
  FROM rebuilt_cells
  UNION ALL
  SELECT 'month', figure, date_trunc('month', day)::date, dimension, key, sum(row_count),
         sum(count), sum(amount), sum(count_ge_1yi), sum(amount_ge_1yi), sum(count_ge_10yi),
         sum(amount_ge_10yi)
  FROM rebuilt_cells GROUP BY 1, 2, 3, 4, 5
), found AS (
  SELECT grain, figure, day, dimension, key, sum(row_count) AS row_count, sum(count) AS count,
         sum(amount) AS amount, sum(count_ge_1yi) AS count_ge_1yi,
         sum(amount_ge_1yi) AS amount_ge_1yi, sum(count_ge_10yi) AS count_ge_10yi,
         sum(amount_ge_10yi) AS amount_ge_10yi
  FROM (SELECT 'day' AS grain, figure, day, dimension, key, row_count, count, amount,
               count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi
        FROM report_rollup_days
        UNION ALL
        SELECT 'month', figure, month, dimension, key, row_count, count, amount,
               count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi
        FROM report_rollup_months
        UNION ALL
        SELECT 'day', figure, day, dimension, key, row_count, count, amount,
               count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi
        FROM unfolded
        UNION ALL
        SELECT 'month', figure, date_trunc('month', day)::date, dimension, key, row_count, count,
               amount, count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi
        FROM unfolded) c
  GROUP BY 1, 2, 3, 4, 5
)
SELECT grain, figure, day::text AS day, dimension, key,
       COALESCE(e.count, 0) AS expected_count, COALESCE(f.count, 0) AS found_count,
       COALESCE(e.amount, 0) AS expected_amount, COALESCE(f.amount, 0) AS found_amount
FROM expected e FULL JOIN found f USING (grain, figure, day, dimension, key)
WHERE (COALESCE(e.row_count, 0), COALESCE(e.count, 0), COALESCE(e.amount, 0),
       COALESCE(e.count_ge_1yi, 0), COALESCE(e.amount_ge_1yi, 0),
       COALESCE(e.count_ge_10yi, 0), COALESCE(e.amount_ge_10yi, 0))
   <> (COALESCE(f.row_count, 0), COALESCE(f.count, 0), COALESCE(f.amount, 0),
       COALESCE(f.count_ge_1yi, 0), COALESCE(f.amount_ge_1yi, 0),
       COALESCE(f.count_ge_10yi, 0), COALESCE(f.amount_ge_10yi, 0))
ORDER BY grain, figure, day, dimension, key

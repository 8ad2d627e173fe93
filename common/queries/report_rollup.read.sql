-- The cells of a period, summed by dimension and key: $1 the figures
-- (text[]), $2/$3 the first days of the whole months in the period, $4/$5
-- its first and last day, $6 the dimensions asked and 'total' (text[]), $7
-- whether the month is asked, $8/$9 the investment bands' lower bounds in
-- 万元. Days inside the whole months come from the monthly cells, the rest
-- from the daily cells, and every day's deltas not folded yet are added, in
-- one statement (one snapshot), so the answer is exact at every moment.
WITH cells AS (
  SELECT month AS day, dimension, key, row_count, count, amount, count_ge_1yi, amount_ge_1yi,
         count_ge_10yi, amount_ge_10yi
  FROM report_rollup_months
  WHERE figure = ANY($1::text[]) AND month BETWEEN $2::date AND $3::date
    AND dimension = ANY($6::text[])
  UNION ALL
  SELECT day, dimension, key, row_count, count, amount, count_ge_1yi, amount_ge_1yi,
         count_ge_10yi, amount_ge_10yi
  FROM report_rollup_days
  WHERE figure = ANY($1::text[]) AND day BETWEEN $4::date AND $5::date
    AND NOT (day >= $2::date AND day < $3::date + interval '1 month')
    AND dimension = ANY($6::text[])
  UNION ALL
  SELECT d.day, c.dimension, c.key, c.row_count, c.count, c.amount, c.count_ge_1yi,
         c.amount_ge_1yi, c.count_ge_10yi, c.amount_ge_10yi
  FROM report_deltas d
  CROSS JOIN LATERAL report_fact_cells(d.sign, d.counted, d.amount, d.keys, $8, $9) c
  WHERE d.figure = ANY($1::text[]) AND d.day BETWEEN $4::date AND $5::date
    AND c.dimension = ANY($6::text[])
)
SELECT dimension, key, sum(row_count) AS row_count, sum(count) AS count, sum(amount) AS amount,
       sum(count_ge_1yi) AS count_ge_1yi, sum(amount_ge_1yi) AS amount_ge_1yi,
       sum(count_ge_10yi) AS count_ge_10yi, sum(amount_ge_10yi) AS amount_ge_10yi
FROM cells GROUP BY dimension, key HAVING sum(row_count) <> 0
UNION ALL
SELECT 'month', to_char(day, 'YYYY-MM'), sum(row_count), sum(count), sum(amount), 0, 0, 0, 0
FROM cells WHERE $7::boolean AND dimension = 'total'
GROUP BY to_char(day, 'YYYY-MM') HAVING sum(row_count) <> 0

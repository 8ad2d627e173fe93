-- A rebuild's last step: the rollups become rebuilt_cells, the monthly
-- cells their sums by month.
WITH days AS (
  INSERT INTO report_rollup_days SELECT * FROM rebuilt_cells
)
INSERT INTO report_rollup_months
  (figure, month, dimension, key, row_count, count, amount,
   count_ge_1yi, amount_ge_1yi, count_ge_10yi, amount_ge_10yi)
SELECT figure, date_trunc('month', day)::date, dimension, key, sum(row_count), sum(count),
       sum(amount), sum(count_ge_1yi), sum(amount_ge_1yi), sum(count_ge_10yi), sum(amount_ge_10yi)
FROM rebuilt_cells
GROUP BY 1, 2, 3, 4

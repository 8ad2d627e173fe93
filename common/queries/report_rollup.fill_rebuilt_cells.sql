-- The cells the records give, per day, from every record's facts
-- (rebuild_record_facts, in each schema's rollup migration); $1/$2 the
-- investment bands' lower bounds in 万元. A cell of all zeros is left out
-- (a step of continuing projects may hold no rows and still money: -1 at one
-- investment, +1 at another, so row_count alone does not tell).
INSERT INTO rebuilt_cells
SELECT f.figure, f.day, c.dimension, c.key,
       sum(c.row_count), sum(c.count), sum(c.amount), sum(c.count_ge_1yi), sum(c.amount_ge_1yi),
       sum(c.count_ge_10yi), sum(c.amount_ge_10yi)
FROM rebuild_record_facts() f
CROSS JOIN LATERAL report_fact_cells(f.sign, f.counted, f.amount, f.keys, $1, $2) c
GROUP BY f.figure, f.day, c.dimension, c.key
HAVING (sum(c.row_count), sum(c.count), sum(c.amount), sum(c.count_ge_1yi),
        sum(c.amount_ge_1yi), sum(c.count_ge_10yi), sum(c.amount_ge_10yi))
       <> (0, 0, 0, 0, 0, 0, 0)

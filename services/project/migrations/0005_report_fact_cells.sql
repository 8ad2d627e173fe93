-- What one fact of report_deltas adds to the rollup cells (#23: the fold,
-- the report's read of the deltas not folded yet and the rebuild each ran
-- their own copy of this): its 'total' cell (key '') and one cell per key
-- it has, each with the fact's signed sums. A fact of money that does not
-- count (a capital increase) adds to `amount` and `row_count` only. The
-- investment bands' lower bounds in 万元 (1亿元 and 10亿元) are the caller's
-- (common/aggregate.h), so they are written in one place.
-- One SELECT in SQL, IMMUTABLE: the planner inlines it into each statement,
-- so it costs what the copies did. The lead schema has the same function
-- (lead/0007_report_fact_cells).
CREATE FUNCTION report_fact_cells(fact_sign smallint, fact_counted boolean, fact_amount bigint,
                                  fact_keys jsonb, one_yi bigint, ten_yi bigint)
RETURNS TABLE (dimension text, key text, row_count bigint, count bigint, amount bigint,
               count_ge_1yi bigint, amount_ge_1yi bigint,
               count_ge_10yi bigint, amount_ge_10yi bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT e.dimension, e.key, fact_sign::bigint,
         CASE WHEN fact_counted THEN fact_sign ELSE 0 END::bigint,
         fact_sign * fact_amount,
         CASE WHEN fact_counted AND fact_amount >= one_yi THEN fact_sign ELSE 0 END::bigint,
         CASE WHEN fact_counted AND fact_amount >= one_yi THEN fact_sign * fact_amount ELSE 0 END,
         CASE WHEN fact_counted AND fact_amount >= ten_yi THEN fact_sign ELSE 0 END::bigint,
         CASE WHEN fact_counted AND fact_amount >= ten_yi THEN fact_sign * fact_amount ELSE 0 END
  FROM (SELECT 'total', '' UNION ALL SELECT * FROM jsonb_each_text(fact_keys)) e (dimension, key)
$$;

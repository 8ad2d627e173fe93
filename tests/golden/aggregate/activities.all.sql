SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.office) = 0 THEN 1 WHEN GROUPING(x.leader) = 0 THEN 2 WHEN GROUPING(x.month) = 0 THEN 3 WHEN GROUPING(x.kind) = 0 THEN 4 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.office AS key_1, x.leader AS key_2, x.month AS key_3, x.kind AS key_4
FROM (SELECT x.unit, x.office, x.leader, x.month, x.kind, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.activities */
-- The records of AggregateActivities read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against): one row per activity started between $1 and $2 whose kind is
-- $3 (0: any), with common/aggregate.h's columns id, counted, amount and
-- one per dimension (ActivityDimensions in aggregate_store.cc).
SELECT id, true AS counted, 0::bigint AS amount,
       COALESCE(unit_code, 'none') AS unit, COALESCE(office_code, 'none') AS office,
       COALESCE(leader_code, 'none') AS leader, to_char(start_date, 'YYYY-MM') AS month,
       kind::text AS kind
FROM activities
WHERE start_date BETWEEN $1::date AND $2::date AND ($3::int = 0 OR kind = $3::int)
) x
  GROUP BY x.unit, x.office, x.leader, x.month, x.kind) x
GROUP BY GROUPING SETS ((), (x.unit), (x.office), (x.leader), (x.month), (x.kind))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4

SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.industry) = 0 THEN 1 WHEN GROUPING(x.park) = 0 THEN 2 WHEN GROUPING(x.leader) = 0 THEN 3 WHEN GROUPING(x.chain_action) = 0 THEN 4 WHEN GROUPING(x.month) = 0 THEN 5 WHEN GROUPING(x.activity) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.industry AS key_1, x.park AS key_2, x.leader AS key_3, x.chain_action AS key_4, x.month AS key_5, x.activity AS key_6
FROM (SELECT x.unit, x.industry, x.park, x.leader, x.chain_action, x.month, x.activity, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.funds */
-- The records of AggregateFunds read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against): one row per payment arrived between $1 and $2, with
-- common/aggregate.h's columns id (the payment), counted, amount (万元) and
-- one per dimension (ProjectDimensions in aggregate_store.cc). A project
-- paid in two months counts in each, so the months add up to the whole.
SELECT f.id AS id, true AS counted, f.amount_wan_yuan AS amount,
       p.unit_code AS unit, p.industry::text AS industry, COALESCE(p.park_code, 'none') AS park,
       COALESCE(p.leader_code, 'none') AS leader, p.chain_action::text AS chain_action,
       COALESCE(p.signed_at_activity_id::text, 'none') AS activity,
       to_char(f.arrival_date, 'YYYY-MM') AS month
FROM funds f JOIN projects p ON p.id = f.project_id
WHERE f.arrival_date BETWEEN $1::date AND $2::date
) x
  GROUP BY x.unit, x.industry, x.park, x.leader, x.chain_action, x.month, x.activity) x
GROUP BY GROUPING SETS ((), (x.unit), (x.industry), (x.park), (x.leader), (x.chain_action), (x.month), (x.activity))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6

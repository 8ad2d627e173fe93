-- activities.total
SELECT -1 AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi
FROM (SELECT count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.activities */
) x) x
ORDER BY grouping_index;

-- activities.by_unit
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0
FROM (SELECT x.unit, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.activities */
) x
  GROUP BY x.unit) x
GROUP BY GROUPING SETS ((), (x.unit))
ORDER BY grouping_index, key_0;

-- activities.all
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.office) = 0 THEN 1 WHEN GROUPING(x.leader) = 0 THEN 2 WHEN GROUPING(x.month) = 0 THEN 3 WHEN GROUPING(x.kind) = 0 THEN 4 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.office AS key_1, x.leader AS key_2, x.month AS key_3, x.kind AS key_4
FROM (SELECT x.unit, x.office, x.leader, x.month, x.kind, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.activities */
) x
  GROUP BY x.unit, x.office, x.leader, x.month, x.kind) x
GROUP BY GROUPING SETS ((), (x.unit), (x.office), (x.leader), (x.month), (x.kind))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4;

-- leads.total
SELECT -1 AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi
FROM (SELECT count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.leads */
) x) x
ORDER BY grouping_index;

-- leads.by_stage
SELECT CASE WHEN GROUPING(x.status) = 0 THEN 0 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.status AS key_0
FROM (SELECT x.status, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.leads */
) x
  GROUP BY x.status) x
GROUP BY GROUPING SETS ((), (x.status))
ORDER BY grouping_index, key_0;

-- leads.all
SELECT CASE WHEN GROUPING(x.unit_code) = 0 THEN 0 WHEN GROUPING(x.office_code) = 0 THEN 1 WHEN GROUPING(x.industry) = 0 THEN 2 WHEN GROUPING(x.channel) = 0 THEN 3 WHEN GROUPING(x.status) = 0 THEN 4 WHEN GROUPING(x.month) = 0 THEN 5 WHEN GROUPING(x.chain_action) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, COALESCE(x.unit_code, 'none') AS key_0, COALESCE(x.office_code, 'none') AS key_1, x.industry AS key_2, x.channel AS key_3, x.status AS key_4, to_char(x.month, 'YYYY-MM') AS key_5, x.chain_action AS key_6
FROM (SELECT x.unit_code, x.office_code, x.industry, x.channel, x.status, x.month, x.chain_action, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.leads */
) x
  GROUP BY x.unit_code, x.office_code, x.industry, x.channel, x.status, x.month, x.chain_action) x
GROUP BY GROUPING SETS ((), (x.unit_code), (x.office_code), (x.industry), (x.channel), (x.status), (x.month), (x.chain_action))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6;

-- transitions.total
SELECT -1 AS grouping_index, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi
FROM (SELECT bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.transitions */
) x
  GROUP BY x.id) x
ORDER BY grouping_index;

-- transitions.by_unit
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 ELSE -1 END AS grouping_index, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0
FROM (SELECT x.unit, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.transitions */
) x
  GROUP BY x.id, x.unit) x
GROUP BY GROUPING SETS ((), (x.unit))
ORDER BY grouping_index, key_0;

-- transitions.by_month
WITH b AS MATERIALIZED (
/* aggregate.transitions */
)
SELECT -1 AS grouping_index, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, NULL AS key_0
FROM (SELECT bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id) x
UNION ALL
SELECT 0, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.month
FROM (SELECT x.month, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id, x.month) x
GROUP BY x.month
ORDER BY grouping_index, key_0;

-- transitions.all
WITH b AS MATERIALIZED (
/* aggregate.transitions */
)
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.industry) = 0 THEN 1 WHEN GROUPING(x.park) = 0 THEN 2 WHEN GROUPING(x.leader) = 0 THEN 3 WHEN GROUPING(x.chain_action) = 0 THEN 4 WHEN GROUPING(x.activity) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.industry AS key_1, x.park AS key_2, x.leader AS key_3, x.chain_action AS key_4, NULL AS key_5, x.activity AS key_6
FROM (SELECT x.unit, x.industry, x.park, x.leader, x.chain_action, x.activity, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id, x.unit, x.industry, x.park, x.leader, x.chain_action, x.activity) x
GROUP BY GROUPING SETS ((), (x.unit), (x.industry), (x.park), (x.leader), (x.chain_action), (x.activity))
UNION ALL
SELECT 5, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, NULL, NULL, NULL, NULL, NULL, x.month, NULL
FROM (SELECT x.month, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id, x.month) x
GROUP BY x.month
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6;

-- funds.all
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.industry) = 0 THEN 1 WHEN GROUPING(x.park) = 0 THEN 2 WHEN GROUPING(x.leader) = 0 THEN 3 WHEN GROUPING(x.chain_action) = 0 THEN 4 WHEN GROUPING(x.month) = 0 THEN 5 WHEN GROUPING(x.activity) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.industry AS key_1, x.park AS key_2, x.leader AS key_3, x.chain_action AS key_4, x.month AS key_5, x.activity AS key_6
FROM (SELECT x.unit, x.industry, x.park, x.leader, x.chain_action, x.month, x.activity, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.funds */
) x
  GROUP BY x.unit, x.industry, x.park, x.leader, x.chain_action, x.month, x.activity) x
GROUP BY GROUPING SETS ((), (x.unit), (x.industry), (x.park), (x.leader), (x.chain_action), (x.month), (x.activity))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6;

-- continuing.all
WITH b AS MATERIALIZED (
/* aggregate.continuing */
)
SELECT CASE WHEN GROUPING(x.unit) = 0 THEN 0 WHEN GROUPING(x.industry) = 0 THEN 1 WHEN GROUPING(x.park) = 0 THEN 2 WHEN GROUPING(x.leader) = 0 THEN 3 WHEN GROUPING(x.chain_action) = 0 THEN 4 WHEN GROUPING(x.activity) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.unit AS key_0, x.industry AS key_1, x.park AS key_2, x.leader AS key_3, x.chain_action AS key_4, NULL AS key_5, x.activity AS key_6
FROM (SELECT x.unit, x.industry, x.park, x.leader, x.chain_action, x.activity, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id, x.unit, x.industry, x.park, x.leader, x.chain_action, x.activity) x
GROUP BY GROUPING SETS ((), (x.unit), (x.industry), (x.park), (x.leader), (x.chain_action), (x.activity))
UNION ALL
SELECT 5, COALESCE(count(*) FILTER (WHERE x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(count(*) FILTER (WHERE x.c1), 0)::bigint AS count_all, COALESCE(count(*) FILTER (WHERE x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(count(*) FILTER (WHERE x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, NULL, NULL, NULL, NULL, NULL, x.month, NULL
FROM (SELECT x.month, bool_or(x.counted) AS c0, bool_or(x.counted AND x.amount >= 0) AS c1, bool_or(x.counted AND x.amount >= 10000) AS c2, bool_or(x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM b x
  GROUP BY x.id, x.month) x
GROUP BY x.month
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6;


WITH b AS MATERIALIZED (
/* aggregate.transitions */
-- The records of AggregateTransitions read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against), with common/aggregate.h's columns id (the project), counted,
-- amount (万元) and one per dimension (ProjectDimensions in
-- aggregate_store.cc): each stage change to $3 effective between $1 and $2,
-- counted, with the investment it was made at; and when $3 is SIGNED, each
-- capital increase in the period, adding its increment without counting.
SELECT t.project_id AS id, true AS counted, t.investment_wan_yuan AS amount,
       p.unit_code AS unit, p.industry::text AS industry, COALESCE(p.park_code, 'none') AS park,
       COALESCE(p.leader_code, 'none') AS leader, p.chain_action::text AS chain_action,
       COALESCE(p.signed_at_activity_id::text, 'none') AS activity,
       to_char(t.effective_date, 'YYYY-MM') AS month
FROM transitions t JOIN projects p ON p.id = t.project_id
WHERE t.kind = 1
  AND t.to_stage = $3::int AND t.effective_date BETWEEN $1::date AND $2::date
UNION ALL
SELECT t.project_id, false, t.increment_wan_yuan,
       p.unit_code, p.industry::text, COALESCE(p.park_code, 'none'),
       COALESCE(p.leader_code, 'none'), p.chain_action::text,
       COALESCE(p.signed_at_activity_id::text, 'none'),
       to_char(t.effective_date, 'YYYY-MM')
FROM transitions t JOIN projects p ON p.id = t.project_id
WHERE $3::int = 3
  AND t.kind = 2
  AND t.effective_date BETWEEN $1::date AND $2::date
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
ORDER BY grouping_index, key_0

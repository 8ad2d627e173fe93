SELECT CASE WHEN GROUPING(x.status) = 0 THEN 0 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, x.status AS key_0
FROM (SELECT x.status, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
  FROM (
/* aggregate.leads */
-- The records of AggregateLeads read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against): one row per lead collected between $1 and $2, with
-- common/aggregate.h's columns id, counted, amount (the estimated
-- investment, 万元) and one per dimension (LeadDimensions in
-- aggregate_store.cc). Merged leads are folded into their survivor and never
-- counted.
SELECT id, true AS counted, estimated_investment_wan_yuan AS amount,
       unit_code, office_code, industry, channel, status, chain_action,
       date_trunc('month', collected_date)::date AS month
FROM leads
WHERE collected_date BETWEEN $1::date AND $2::date
  AND status <> 5
) x
  GROUP BY x.status) x
GROUP BY GROUPING SETS ((), (x.status))
ORDER BY grouping_index, key_0

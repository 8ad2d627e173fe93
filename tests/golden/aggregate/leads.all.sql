SELECT CASE WHEN GROUPING(x.unit_code) = 0 THEN 0 WHEN GROUPING(x.office_code) = 0 THEN 1 WHEN GROUPING(x.industry) = 0 THEN 2 WHEN GROUPING(x.channel) = 0 THEN 3 WHEN GROUPING(x.status) = 0 THEN 4 WHEN GROUPING(x.month) = 0 THEN 5 WHEN GROUPING(x.chain_action) = 0 THEN 6 ELSE -1 END AS grouping_index, COALESCE(sum(x.c0), 0)::bigint AS count, COALESCE(sum(x.s0), 0)::bigint AS amount, COALESCE(sum(x.c1), 0)::bigint AS count_all, COALESCE(sum(x.c2), 0)::bigint AS count_ge_1yi, COALESCE(sum(x.s1), 0)::bigint AS amount_ge_1yi, COALESCE(sum(x.c3), 0)::bigint AS count_ge_10yi, COALESCE(sum(x.s2), 0)::bigint AS amount_ge_10yi, COALESCE(x.unit_code, 'none') AS key_0, COALESCE(x.office_code, 'none') AS key_1, x.industry AS key_2, x.channel AS key_3, x.status AS key_4, to_char(x.month, 'YYYY-MM') AS key_5, x.chain_action AS key_6
FROM (SELECT x.unit_code, x.office_code, x.industry, x.channel, x.status, x.month, x.chain_action, count(*) FILTER (WHERE x.counted) AS c0, count(*) FILTER (WHERE x.counted AND x.amount >= 0) AS c1, count(*) FILTER (WHERE x.counted AND x.amount >= 10000) AS c2, count(*) FILTER (WHERE x.counted AND x.amount >= 100000) AS c3, sum(x.amount) FILTER (WHERE true) AS s0, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 10000) AS s1, sum(x.amount) FILTER (WHERE x.counted AND x.amount >= 100000) AS s2
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
  GROUP BY x.unit_code, x.office_code, x.industry, x.channel, x.status, x.month, x.chain_action) x
GROUP BY GROUPING SETS ((), (x.unit_code), (x.office_code), (x.industry), (x.channel), (x.status), (x.month), (x.chain_action))
ORDER BY grouping_index, key_0, key_1, key_2, key_3, key_4, key_5, key_6

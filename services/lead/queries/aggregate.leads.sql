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
  AND status <> {{zhaoshang.lead.v1.LEAD_STATUS_MERGED}}

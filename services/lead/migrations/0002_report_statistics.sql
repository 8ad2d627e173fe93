-- How many distinct combinations of the report's lead dimensions exist.
-- Without it PostgreSQL multiplies the per-column counts, expects ~100,000
-- groups where there are hundreds, and pre-aggregates by sorting on one
-- process instead of hashing across parallel workers (AggregateLeads).
CREATE STATISTICS leads_report_dimensions (ndistinct)
  ON unit_code, office_code, industry, channel, status, chain_action,
     (date_trunc('month', collected_date)::date)
  FROM leads;
ANALYZE leads;

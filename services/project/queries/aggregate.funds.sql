-- The records of AggregateFunds read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against): one row per payment arrived between $1 and $2, with
-- common/aggregate.h's columns id (the payment), counted, amount (万元) and
-- one per dimension (ProjectDimensions in aggregate_store.cc). A project
-- paid in two months counts in each, so the months add up to the whole.
SELECT f.id AS id, true AS counted, f.amount_wan_yuan AS amount,
       d.*,
       to_char(f.arrival_date, 'YYYY-MM') AS month
FROM funds f JOIN projects p ON p.id = f.project_id
CROSS JOIN LATERAL project_dimensions(p) d
WHERE f.arrival_date BETWEEN $1::date AND $2::date

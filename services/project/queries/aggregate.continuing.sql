-- The records of AggregateContinuing read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against): one row per project continuing (续建) in year $1, that is under
-- construction as the year began by the recorded dates (continuing_on,
-- project/0002), with the investment as it stood then (万元), and
-- common/aggregate.h's columns (ProjectDimensions in aggregate_store.cc).
-- Whether or when a rollover ran does not matter.
SELECT p.id AS id, true AS counted, investment_before(p, make_date($1::int, 1, 1)) AS amount,
       d.*,
       to_char(make_date($1::int, 1, 1), 'YYYY-MM') AS month
FROM projects p CROSS JOIN LATERAL project_dimensions(p) d
WHERE continuing_on(p, make_date($1::int, 1, 1))

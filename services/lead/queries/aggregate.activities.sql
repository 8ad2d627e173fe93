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

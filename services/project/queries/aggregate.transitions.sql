-- The records of AggregateTransitions read from the records themselves
-- (--aggregate_source=records; the definition the rollups are checked
-- against), with common/aggregate.h's columns id (the project), counted,
-- amount (万元) and one per dimension (project_dimensions,
-- project/0007): each stage change to $3 effective between $1 and $2,
-- counted, with the investment it was made at; and when $3 is SIGNED, each
-- capital increase in the period, adding its increment without counting.
SELECT t.project_id AS id, true AS counted, t.investment_wan_yuan AS amount,
       d.*,
       to_char(t.effective_date, 'YYYY-MM') AS month
FROM transitions t JOIN projects p ON p.id = t.project_id
CROSS JOIN LATERAL project_dimensions(p) d
WHERE t.kind = {{zhaoshang.project.v1.StageTransition.KIND_STAGE_CHANGE}}
  AND t.to_stage = $3::int AND t.effective_date BETWEEN $1::date AND $2::date
UNION ALL
SELECT t.project_id, false, t.increment_wan_yuan,
       d.*,
       to_char(t.effective_date, 'YYYY-MM')
FROM transitions t JOIN projects p ON p.id = t.project_id
CROSS JOIN LATERAL project_dimensions(p) d
WHERE $3::int = {{zhaoshang.project.v1.STAGE_SIGNED}}
  AND t.kind = {{zhaoshang.project.v1.StageTransition.KIND_CAPITAL_INCREASE}}
  AND t.effective_date BETWEEN $1::date AND $2::date

-- A page of transitions effective in a date range, newest first.
-- $1 and $2 the range, $3 to_stage (NULL: any), $4 kind (NULL: any),
-- $5 the least investment, $6 below this id (the page token), $7 rows,
-- $8 capital increases too, whatever the other filters.
SELECT t.id, t.project_id, t.kind, t.from_stage, t.to_stage,
       to_char(t.effective_date, 'YYYY-MM-DD') AS effective_date,
       t.investment_wan_yuan, t.increment_wan_yuan, t.activity_id, t.enterprise_id, t.reason,
       t.actor, (extract(epoch FROM t.recorded_at) * 1000000)::bigint AS recorded_micros,
       p.name AS project_name, p.unit_code
FROM transitions t JOIN projects p ON p.id = t.project_id
WHERE t.effective_date BETWEEN $1::date AND $2::date
  AND ((($3::int IS NULL OR t.to_stage = $3)
        AND ($4::int IS NULL OR t.kind = $4)
        AND t.investment_wan_yuan >= $5)
       OR ($8 AND t.kind = {{zhaoshang.project.v1.StageTransition.KIND_CAPITAL_INCREASE}}))
  AND ($6::bigint IS NULL OR t.id < $6)
ORDER BY t.id DESC
LIMIT $7

-- A project's whole history, oldest first. $1 project_id.
SELECT t.id, t.project_id, t.kind, t.from_stage, t.to_stage,
       to_char(t.effective_date, 'YYYY-MM-DD') AS effective_date,
       t.investment_wan_yuan, t.increment_wan_yuan, t.activity_id, t.enterprise_id, t.reason,
       t.actor, (extract(epoch FROM t.recorded_at) * 1000000)::bigint AS recorded_micros,
       p.name AS project_name, p.unit_code
FROM transitions t JOIN projects p ON p.id = t.project_id
WHERE t.project_id = $1
ORDER BY t.id

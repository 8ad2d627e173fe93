-- A project to update, locked until the transaction ends. $1 id.
SELECT p.id, p.name, p.enterprise_id, p.lead_id, p.industry, p.chain_action, p.park_code,
       p.enterprise_type, p.total_investment_wan_yuan,
       to_char(p.planned_sign_date, 'YYYY-MM-DD') AS planned_sign_date,
       to_char(p.planned_start_date, 'YYYY-MM-DD') AS planned_start_date,
       to_char(p.planned_completion_date, 'YYYY-MM-DD') AS planned_completion_date,
       to_char(p.signed_date, 'YYYY-MM-DD') AS signed_date,
       to_char(p.started_date, 'YYYY-MM-DD') AS started_date,
       to_char(p.completed_date, 'YYYY-MM-DD') AS completed_date,
       p.unit_code, p.leader_code, p.commander_code, p.dedicated_person, p.service_team,
       p.stage, p.drop_reason, p.signed_at_activity_id,
       (SELECT COALESCE(sum(f.amount_wan_yuan), 0) FROM funds f WHERE f.project_id = p.id)
         AS paid_in_wan_yuan,
       p.version,
       (extract(epoch FROM p.created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM p.updated_at) * 1000000)::bigint AS updated_micros,
       p.lead_conversion_pending, COALESCE(p.collected_by, '') AS collected_by
FROM projects p
WHERE p.id = $1
FOR UPDATE

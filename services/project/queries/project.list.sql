-- A page of projects, newest first; every filter optional (NULL: any).
-- $1 stage, $2 unit_code, $3 leader or commander code, $4 park_code,
-- $5 industry, $6 below this id (the page token), $7 rows, $8 ledger
-- stale for more than this many days (open projects only) as of $9 (today),
-- $10 continuing in this year, $11 collected_by.
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
WHERE ($1::int IS NULL OR p.stage = $1)
  AND ($2::text IS NULL OR p.unit_code = $2)
  AND ($3::text IS NULL OR p.leader_code = $3 OR p.commander_code = $3)
  AND ($4::text IS NULL OR p.park_code = $4)
  AND ($5::int IS NULL OR p.industry = $5)
  AND ($6::bigint IS NULL OR p.id < $6)
  AND ($11::text IS NULL OR p.collected_by = $11)
  AND ($8::int IS NULL
       OR (p.stage IN ({{zhaoshang.project.v1.STAGE_PROMOTED}}, {{zhaoshang.project.v1.STAGE_NEGOTIATING}}, {{zhaoshang.project.v1.STAGE_SIGNED}},
                       {{zhaoshang.project.v1.STAGE_TO_START}}, {{zhaoshang.project.v1.STAGE_STARTED}}, {{zhaoshang.project.v1.STAGE_CONTINUING}})
           AND COALESCE((SELECT max(le.entry_date) FROM ledger_entries le
                         WHERE le.project_id = p.id),
                        (p.created_at AT TIME ZONE 'Asia/Shanghai')::date)
               < $9::date - $8::int))
  AND ($10::int IS NULL OR continuing_on(p, make_date($10::int, 1, 1)))
ORDER BY p.id DESC
LIMIT $7

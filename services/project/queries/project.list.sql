-- A page of projects, newest first; every filter optional (NULL: any).
-- $1 stage, $2 unit_code, $3 leader or commander code, $4 park_code,
-- $5 industry, $6 below this id (the page token), $7 rows, $8 ledger
-- stale for more than this many days (open projects only) as of $9 (today),
-- $10 continuing in this year, $11 collected_by.
SELECT r.*
FROM projects p CROSS JOIN LATERAL project_read(p) r
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

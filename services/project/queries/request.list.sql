-- A page of enterprise requests, newest first; filters optional (NULL: any).
-- $1 today (YYYY-MM-DD), $2 project_id, $3 unit_code, $4 state, $5 overdue
-- only, $6 below this id (the page token), $7 rows, $8 the leader or
-- commander of the project.
SELECT id, project_id, category, content, unit_code, time_limit_working_days,
       to_char(raised_date, 'YYYY-MM-DD') AS raised_date,
       to_char(due_date, 'YYYY-MM-DD') AS due_date,
       agency_service, state, resolution, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       -- Against today's date in China ($1), at read time.
       state IN ({{zhaoshang.project.v1.REQUEST_STATE_OPEN}}, {{zhaoshang.project.v1.REQUEST_STATE_IN_PROGRESS}})
         AND due_date < $1::date AS overdue
FROM enterprise_requests
WHERE ($2::bigint IS NULL OR project_id = $2)
  AND ($3::text IS NULL OR unit_code = $3)
  AND ($4::int IS NULL OR state = $4)
  AND (NOT $5 OR (state IN ({{zhaoshang.project.v1.REQUEST_STATE_OPEN}}, {{zhaoshang.project.v1.REQUEST_STATE_IN_PROGRESS}})
                  AND due_date < $1::date))
  AND ($6::bigint IS NULL OR id < $6)
  AND ($8::text IS NULL
       OR project_id IN (SELECT p.id FROM projects p
                         WHERE p.leader_code = $8 OR p.commander_code = $8))
ORDER BY id DESC
LIMIT $7

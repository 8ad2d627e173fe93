-- An enterprise request. $1 today (YYYY-MM-DD), $2 id.
SELECT id, project_id, category, content, unit_code, time_limit_working_days,
       to_char(raised_date, 'YYYY-MM-DD') AS raised_date,
       to_char(due_date, 'YYYY-MM-DD') AS due_date,
       agency_service, state, resolution, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       -- Against today's date in China ($1), at read time.
       state IN ({{zhaoshang.project.v1.REQUEST_STATE_OPEN}}, {{zhaoshang.project.v1.REQUEST_STATE_IN_PROGRESS}})
         AND due_date < $1::date AS overdue
FROM enterprise_requests
WHERE id = $2

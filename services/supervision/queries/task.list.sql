-- A page of tasks, newest first. $1 today (YYYY-MM-DD), $2 unit_code (NULL:
-- any), $3 state (NULL: any), $4 overdue only, $5 below this id (the page
-- token), $6 rows.
SELECT id, unit_code, title, required_result, to_char(due_date, 'YYYY-MM-DD') AS due_date,
       state, result, to_char(completed_date, 'YYYY-MM-DD') AS completed_date, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       -- Against today's date in China ($1), at read time.
       state = {{zhaoshang.supervision.v1.TASK_STATE_OPEN}} AND due_date < $1::date AS overdue
FROM tasks
WHERE ($2::text IS NULL OR unit_code = $2)
  AND ($3::int IS NULL OR state = $3)
  AND (NOT $4 OR (state = {{zhaoshang.supervision.v1.TASK_STATE_OPEN}} AND due_date < $1::date))
  AND ($5::bigint IS NULL OR id < $5)
ORDER BY id DESC
LIMIT $6

-- A task. $1 today (YYYY-MM-DD), $2 id.
SELECT id, unit_code, title, required_result, to_char(due_date, 'YYYY-MM-DD') AS due_date,
       state, result, to_char(completed_date, 'YYYY-MM-DD') AS completed_date, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       -- Against today's date in China ($1), at read time.
       state = {{zhaoshang.supervision.v1.TASK_STATE_OPEN}} AND due_date < $1::date AS overdue
FROM tasks
WHERE id = $2

-- Each unit's late tasks due from $1 to $2: still open after the deadline
-- (as of $3, today), or completed after it; cancelled ones never.
SELECT unit_code, count(*) AS late
FROM tasks
WHERE due_date BETWEEN $1::date AND $2::date
  AND state <> {{zhaoshang.supervision.v1.TASK_STATE_CANCELLED}}
  AND ((state = {{zhaoshang.supervision.v1.TASK_STATE_OPEN}} AND due_date < $3::date) OR completed_date > due_date)
GROUP BY unit_code

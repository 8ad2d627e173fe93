-- A new, open task. $1 unit_code, $2 title, $3 required_result, $4 due_date.
INSERT INTO tasks (unit_code, title, required_result, due_date, state)
VALUES ($1, $2, $3, $4, {{zhaoshang.supervision.v1.TASK_STATE_OPEN}})
RETURNING id

-- The unit a task is for. $1 id.
SELECT unit_code FROM tasks WHERE id = $1

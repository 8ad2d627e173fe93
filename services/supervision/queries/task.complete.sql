-- Task $1 is done with result $2 on $3.
UPDATE tasks
SET state = {{zhaoshang.supervision.v1.TASK_STATE_DONE}}, result = $2, completed_date = $3, version = version + 1
WHERE id = $1

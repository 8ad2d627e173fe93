-- A task's state and version, locked. $1 id.
SELECT state, version FROM tasks WHERE id = $1 FOR UPDATE

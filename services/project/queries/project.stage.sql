-- A project's stage. $1 id.
SELECT stage FROM projects WHERE id = $1

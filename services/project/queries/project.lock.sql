-- A project to update, locked until the transaction ends. $1 id.
SELECT r.*
FROM projects p CROSS JOIN LATERAL project_read(p) r
WHERE p.id = $1
FOR UPDATE OF p

-- A project with the funds paid in (project_read, project/0006: the columns ProjectFromRow reads). $1 id.
SELECT r.*
FROM projects p CROSS JOIN LATERAL project_read(p) r
WHERE p.id = $1

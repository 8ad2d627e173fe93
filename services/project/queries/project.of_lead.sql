-- The project (not dropped) a lead was converted into, locked. $1 lead_id.
SELECT id FROM projects
WHERE lead_id = $1 AND stage <> {{zhaoshang.project.v1.STAGE_DROPPED}}
FOR UPDATE

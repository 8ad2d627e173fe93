-- Who may see enterprise request $1: its unit, and its project's leader
-- and commander ('' for none).
SELECT r.unit_code, COALESCE(p.leader_code, '') AS leader_code,
       COALESCE(p.commander_code, '') AS commander_code
FROM enterprise_requests r JOIN projects p ON p.id = r.project_id
WHERE r.id = $1

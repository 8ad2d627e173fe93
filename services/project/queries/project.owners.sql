-- Who may see project $1: its unit, leader, commander and the unit that
-- collected it ('' for none).
SELECT unit_code, COALESCE(leader_code, '') AS leader_code,
       COALESCE(commander_code, '') AS commander_code,
       COALESCE(collected_by, '') AS collected_by
FROM projects
WHERE id = $1

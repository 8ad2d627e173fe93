-- A project's responsible unit and version, locked. $1 id.
SELECT unit_code, version FROM projects WHERE id = $1 FOR UPDATE

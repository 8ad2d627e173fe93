-- A page of a project's ledger, newest first. $1 project_id, $2 below this
-- id (the page token; NULL: from the newest), $3 rows.
SELECT id, project_id, kind, to_char(entry_date, 'YYYY-MM-DD') AS entry_date, content, author,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
FROM ledger_entries
WHERE project_id = $1 AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC
LIMIT $3

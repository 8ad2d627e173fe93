-- A page of sanctions, newest first. $1 unit_code (NULL: any), $2 below
-- this id (the page token), $3 rows.
SELECT id, unit_code, kind, reason, points, to_char(decided_date, 'YYYY-MM-DD') AS decided_date
FROM sanctions
WHERE ($1::text IS NULL OR unit_code = $1) AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC
LIMIT $3

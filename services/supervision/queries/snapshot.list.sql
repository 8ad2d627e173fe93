-- A page of snapshots, newest first. $1 kind (NULL: any), $2 below this id
-- (the page token), $3 rows.
SELECT id, snapshot
FROM snapshots
WHERE ($1::int IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC
LIMIT $3

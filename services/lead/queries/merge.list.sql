-- A page of merges, newest first. $1 kind (NULL: any), $2 below this id
-- (the page token; NULL: from the newest), $3 rows.
SELECT id, kind, survivor_id, duplicate_id, reason, merged_by, moved_summary,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
FROM merges
WHERE ($1::int IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC
LIMIT $3

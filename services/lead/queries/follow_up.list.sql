-- A page of a lead's follow-ups, newest first. $1 lead_id, $2 below this
-- id (the page token; NULL: from the newest), $3 rows.
SELECT id, lead_id, kind, content, author,
       to_char(follow_up_date, 'YYYY-MM-DD') AS follow_up_date,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros
FROM follow_ups
WHERE lead_id = $1 AND ($2::bigint IS NULL OR id < $2)
ORDER BY id DESC
LIMIT $3

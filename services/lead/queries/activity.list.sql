-- A page of activities, newest first; every filter optional (NULL: any).
-- $1 kind, $2 unit_code, $3 office_code, $4 leader_code, $5 and $6 the
-- start_date range, $7 below this id (the page token), $8 rows.
SELECT r.*
FROM activities a CROSS JOIN LATERAL activity_read(a) r
WHERE ($1::int IS NULL OR a.kind = $1)
  AND ($2::text IS NULL OR a.unit_code = $2)
  AND ($3::text IS NULL OR a.office_code = $3)
  AND ($4::text IS NULL OR a.leader_code = $4)
  AND ($5::date IS NULL OR a.start_date BETWEEN $5 AND $6)
  AND ($7::bigint IS NULL OR a.id < $7)
ORDER BY a.id DESC
LIMIT $8

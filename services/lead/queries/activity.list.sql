-- A page of activities, newest first; every filter optional (NULL: any).
-- $1 kind, $2 unit_code, $3 office_code, $4 leader_code, $5 and $6 the
-- start_date range, $7 below this id (the page token), $8 rows.
SELECT a.id, a.kind, a.title, a.unit_code, a.office_code, a.leader_code, a.destination,
       to_char(a.start_date, 'YYYY-MM-DD') AS start_date,
       to_char(a.end_date, 'YYYY-MM-DD') AS end_date,
       a.notes, a.version,
       (extract(epoch FROM a.created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM a.updated_at) * 1000000)::bigint AS updated_micros,
       -- The enterprises met, as one array, so a page of activities is one query.
       ARRAY(SELECT ae.enterprise_id FROM activity_enterprises ae
             WHERE ae.activity_id = a.id ORDER BY ae.enterprise_id) AS enterprise_ids
FROM activities a
WHERE ($1::int IS NULL OR a.kind = $1)
  AND ($2::text IS NULL OR a.unit_code = $2)
  AND ($3::text IS NULL OR a.office_code = $3)
  AND ($4::text IS NULL OR a.leader_code = $4)
  AND ($5::date IS NULL OR a.start_date BETWEEN $5 AND $6)
  AND ($7::bigint IS NULL OR a.id < $7)
ORDER BY a.id DESC
LIMIT $8

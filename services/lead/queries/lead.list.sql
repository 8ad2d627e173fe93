-- A page of leads, newest first; every filter optional (NULL: any). Merged
-- leads are hidden unless asked for by status.
-- $1 unit_code, $2 office_code, $3 industry, $4 channel, $5 status,
-- $6 and $7 collected_date range, $8 enterprise_id, $9 referrer_id,
-- $10 activity_id, $11 below this id (the page token), $12 rows.
SELECT r.*
FROM leads l CROSS JOIN LATERAL lead_read(l) r
WHERE ($1::text IS NULL OR l.unit_code = $1)
  AND ($2::text IS NULL OR l.office_code = $2)
  AND ($3::int IS NULL OR l.industry = $3)
  AND ($4::int IS NULL OR l.channel = $4)
  AND (CASE WHEN $5::int IS NULL THEN l.status <> {{zhaoshang.lead.v1.LEAD_STATUS_MERGED}}
            ELSE l.status = $5 END)
  AND ($6::date IS NULL OR l.collected_date BETWEEN $6 AND $7)
  AND ($8::bigint IS NULL OR l.enterprise_id = $8)
  AND ($9::bigint IS NULL OR l.referrer_id = $9)
  AND ($10::bigint IS NULL OR l.activity_id = $10)
  AND ($11::bigint IS NULL OR l.id < $11)
ORDER BY l.id DESC
LIMIT $12

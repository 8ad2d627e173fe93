-- A page of referrers, newest first. $1 kind (NULL: any), $2 below this id
-- (the page token), $3 rows.
SELECT r.id, r.kind, r.name, r.enterprise_id, r.contact, r.version,
       (extract(epoch FROM r.created_at) * 1000000)::bigint AS created_micros,
       -- A merged lead's credit stays with its referrer, counted once with
       -- the lead it was merged into.
       (SELECT count(DISTINCT CASE WHEN l.status = {{zhaoshang.lead.v1.LEAD_STATUS_MERGED}}
                                   THEN l.merged_into_id ELSE l.id END)
        FROM leads l WHERE l.referrer_id = r.id) AS referred_lead_count
FROM referrers r
WHERE ($1::int IS NULL OR r.kind = $1) AND ($2::bigint IS NULL OR r.id < $2)
ORDER BY r.id DESC
LIMIT $3

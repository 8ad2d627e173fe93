-- A lead with its time limits (lead_read, lead/0008: the columns LeadFromRow reads). $1 id.
SELECT r.*
FROM leads l CROSS JOIN LATERAL lead_read(l) r
WHERE l.id = $1

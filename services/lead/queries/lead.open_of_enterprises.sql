-- The open leads of two enterprises. $1, $2 enterprise ids.
SELECT id
FROM leads
WHERE enterprise_id IN ($1, $2)
  AND status IN ({{zhaoshang.lead.v1.LEAD_STATUS_NEW}}, {{zhaoshang.lead.v1.LEAD_STATUS_FOLLOWING}})
ORDER BY id

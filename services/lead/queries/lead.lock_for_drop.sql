-- A lead to drop, locked: its status, version, collected_date and the date
-- of its last status change (NULL: none). $1 id.
SELECT l.status, l.version, l.collected_date::text AS collected_date,
       (SELECT max(h.effective_date)::text FROM lead_status_history h WHERE h.lead_id = l.id)
         AS last_change_date
FROM leads l
WHERE l.id = $1
FOR UPDATE OF l

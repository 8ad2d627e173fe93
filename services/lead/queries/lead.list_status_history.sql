-- A lead's status changes, oldest first. $1 lead_id.
SELECT from_status, to_status, changed_by, reason,
       (extract(epoch FROM changed_at) * 1000000)::bigint AS changed_micros,
       effective_date::text AS effective_date
FROM lead_status_history
WHERE lead_id = $1
ORDER BY id

-- A copy of lead $2's status history for lead $1, each reason prefixed
-- with 'lead $2'.
INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, reason,
                                 changed_at, effective_date)
SELECT $1, from_status, to_status, changed_by,
       'lead ' || $2::bigint || CASE WHEN reason = '' THEN '' ELSE ': ' || reason END,
       changed_at, effective_date
FROM lead_status_history
WHERE lead_id = $2::bigint
ORDER BY id

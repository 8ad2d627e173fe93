-- Lead $2's follow-ups become lead $1's.
UPDATE follow_ups SET lead_id = $1 WHERE lead_id = $2

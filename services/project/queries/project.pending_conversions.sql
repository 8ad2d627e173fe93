-- Projects whose lead's conversion is not yet confirmed.
SELECT id, lead_id FROM projects WHERE lead_conversion_pending ORDER BY id

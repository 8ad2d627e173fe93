-- Moves enterprise $2's leads to enterprise $1.
UPDATE leads SET enterprise_id = $1, version = version + 1, updated_at = now()
WHERE enterprise_id = $2

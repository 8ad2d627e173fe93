-- Enterprise $1's projects become enterprise $2's.
UPDATE projects SET enterprise_id = $2, version = version + 1, updated_at = now()
WHERE enterprise_id = $1

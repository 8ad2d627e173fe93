-- Project $1's investor is now enterprise $2, signed at activity $3 (NULL:
-- the activity stays).
UPDATE projects
SET enterprise_id = $2, signed_at_activity_id = COALESCE($3, signed_at_activity_id),
    version = version + 1, updated_at = now()
WHERE id = $1

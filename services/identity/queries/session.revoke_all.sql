-- Ends every session of account $1, for reason $2.
UPDATE sessions SET revoked_at = now(), revoked_reason = $2
WHERE user_name = $1 AND revoked_at IS NULL

-- Ends the session whose secret hashes to $1, for reason $2.
UPDATE sessions SET revoked_at = now(), revoked_reason = $2
WHERE secret_hash = $1 AND revoked_at IS NULL

-- The session whose secret hashes to $1, and whether it was revoked or has
-- expired.
SELECT id, user_name, (extract(epoch FROM expires_at) * 1000000)::bigint AS expires_micros,
       revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
FROM sessions
WHERE secret_hash = $1

-- Session $1 was used now.
UPDATE sessions SET last_used_at = now() WHERE id = $1

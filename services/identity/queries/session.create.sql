-- A new sign-in session. $1 id, $2 SHA-256 of its secret, $3 user_name,
-- $4 expiry (microseconds since the epoch), $5 client_address.
INSERT INTO sessions (id, secret_hash, user_name, expires_at, client_address)
VALUES ($1, $2, $3, to_timestamp($4::float8 / 1e6), $5)

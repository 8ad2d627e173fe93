-- Account $1's throttle after a failed sign-in: $2 failures in the window
-- starting at $3, locked until $4 (microseconds since the epoch; NULL:
-- not locked).
INSERT INTO sign_in_throttle (user_name, failures, window_start, locked_until)
VALUES ($1, $2, to_timestamp($3::float8 / 1e6), to_timestamp($4::float8 / 1e6))
ON CONFLICT (user_name) DO UPDATE
SET failures = EXCLUDED.failures, window_start = EXCLUDED.window_start,
    locked_until = EXCLUDED.locked_until

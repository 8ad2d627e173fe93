-- An account's password hash and sign-in throttle (failures, window_start,
-- locked_until; none recorded: 0 and NULLs). $1 user_name.
SELECT p.hash, COALESCE(t.failures, 0) AS failures,
       (extract(epoch FROM t.window_start) * 1000000)::bigint AS window_start_micros,
       (extract(epoch FROM t.locked_until) * 1000000)::bigint AS locked_until_micros
FROM account_passwords p
LEFT JOIN sign_in_throttle t USING (user_name)
WHERE p.user_name = $1

-- A page of sign-in attempts, newest first. $1 user_name (NULL: any),
-- $2 outcome (NULL: any), $3 below this id (the page token), $4 rows.
SELECT id, (extract(epoch FROM at) * 1000000)::bigint AS at_micros, user_name, outcome,
       client_address, user_agent, session_id
FROM sign_in_events
WHERE ($1::text IS NULL OR user_name = $1)
  AND ($2::int IS NULL OR outcome = $2)
  AND ($3::bigint IS NULL OR id < $3)
ORDER BY id DESC
LIMIT $4

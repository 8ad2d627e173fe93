-- A page of accounts, newest first. $1 kind (NULL: any), $2 unit_code
-- (NULL: any), $3 disabled ones too, $4 below this number (the page
-- token), $5 rows.
SELECT a.user_name, a.display_name, a.kind, a.unit_code, a.leader_code, a.active,
       a.password_change_required,
       (extract(epoch FROM a.password_changed_at) * 1000000)::bigint AS password_changed_micros,
       (SELECT (extract(epoch FROM max(e.at)) * 1000000)::bigint
        FROM sign_in_events e
        WHERE e.user_name = a.user_name AND e.outcome = {{zhaoshang.identity.v1.SIGN_IN_OUTCOME_SUCCEEDED}})
         AS last_sign_in_micros,
       (extract(epoch FROM a.created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM a.updated_at) * 1000000)::bigint AS updated_micros,
       a.version,
       (extract(epoch FROM t.locked_until) * 1000000)::bigint AS locked_until_micros,
       a.number
FROM accounts a
LEFT JOIN sign_in_throttle t ON t.user_name = a.user_name AND t.locked_until > now()
WHERE ($1::int IS NULL OR a.kind = $1)
  AND ($2::text IS NULL OR a.unit_code = $2)
  AND ($3 OR a.active)
  AND ($4::bigint IS NULL OR a.number < $4)
ORDER BY a.number DESC
LIMIT $5

-- An account with its last successful sign-in and any lockout in force.
-- $1 user_name.
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
WHERE a.user_name = $1

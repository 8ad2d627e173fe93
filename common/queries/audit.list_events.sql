-- A page of this schema's audit events, newest first. $1 table ('': any),
-- $2 record_id ('': any), $3 request_id ('': any), $4 below this id (the
-- page token), $5 rows.
SELECT id, (extract(epoch FROM at) * 1000000)::bigint AS at_micros, principal, on_behalf_of,
       method, request_id, table_name, record_id, operation,
       COALESCE(before::text, '') AS before_json, COALESCE(after::text, '') AS after_json
FROM audit.events
WHERE schema_name = current_schema()
  AND ($1 = '' OR table_name = $1)
  AND ($2 = '' OR record_id = $2)
  AND ($3 = '' OR request_id = $3)
  AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC
LIMIT $5

-- Claims a request id and tags the transaction for the audit triggers. One
-- row: claimed; none: the id was claimed before (its transaction
-- committed). set_config(…, true) lasts until the transaction ends; its
-- results feed the insert, so none of them can be planned away.
--
-- Not a prepared statement: it travels as plain SQL in the same round trip
-- as BEGIN (the simple protocol takes no parameters), so its places are
-- absl::Substitute's, filled with values the connection quoted, in this
-- order: request_id, method, request_hash, principal, on_behalf_of. (No
-- comment here names a place: a value put into a comment could end it.)
-- Planned afresh each time: a plan cached while the table was small would
-- keep scanning it whole as a burst of calls grows it.
INSERT INTO idempotency_keys (request_id, method, request_hash, principal)
SELECT tag.request_id, tag.method, $2, tag.principal
FROM (SELECT set_config('zs.request_id', $0, true) AS request_id,
             set_config('zs.method', $1, true) AS method,
             set_config('zs.principal', $3, true) AS principal,
             set_config('zs.on_behalf_of', $4, true) AS on_behalf_of) AS tag
WHERE tag.on_behalf_of IS NOT NULL
ON CONFLICT (request_id) DO NOTHING
RETURNING 1

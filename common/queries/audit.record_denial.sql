-- A refused call in the audit trail. $1 principal, $2 on_behalf_of,
-- $3 method, $4 request_id, $5 reason, $6 peer.
SELECT audit.record_denial(current_schema(), $1, $2, $3, $4, $5, $6)

-- What request id $1 recorded: the call it was (method, request_hash,
-- principal) and its stored answer (response; NULL for a one-statement
-- mutation, which recorded response_row instead).
SELECT method, request_hash, principal, response FROM idempotency_keys WHERE request_id = $1

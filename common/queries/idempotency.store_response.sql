-- The answer (bytea) to a request id, as plain SQL sent with COMMIT; its
-- places are absl::Substitute's for quoted values, in this order:
-- request_id, response (see idempotency.claim).
UPDATE idempotency_keys SET response = $1 WHERE request_id = $0

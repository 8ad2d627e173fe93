-- Forgets up to $2 request ids recorded more than $1 seconds ago. No index
-- on created_at (it would cost every mutation); the oldest rows sit first in
-- the heap, so a batch is found early.
DELETE FROM idempotency_keys
WHERE request_id IN (
  SELECT request_id FROM idempotency_keys
  WHERE created_at < now() - make_interval(secs => $1)
  LIMIT $2)

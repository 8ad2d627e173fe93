-- CreateLead is one statement that records its request id with the created
-- lead's row as the answer (see RunIdempotentStatement); a retry renders
-- that row again instead of reading a serialized response.
ALTER TABLE idempotency_keys ADD COLUMN response_row jsonb;

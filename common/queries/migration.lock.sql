-- Serialises concurrent migration runners of schema $1 (replicas starting
-- together) until the transaction ends.
SELECT pg_advisory_xact_lock(hashtext('zs-migrate:' || $1))

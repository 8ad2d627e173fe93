-- Rollovers of year $1 take turns until the transaction ends.
SELECT pg_advisory_xact_lock(hashtext('rollover'), $1)

-- How many request ids are recorded, as the planner estimates it
-- (pg_class.reltuples, kept by autovacuum): count(*) would scan the table.
SELECT reltuples FROM pg_class WHERE oid = 'idempotency_keys'::regclass

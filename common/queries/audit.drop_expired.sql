-- Drops the audit partitions older than $1 months; one row per partition
-- dropped (its name).
SELECT * FROM audit.drop_expired_partitions($1)

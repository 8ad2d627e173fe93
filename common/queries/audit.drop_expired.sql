-- Drops the audit partitions older than $1 months; one row per partition
-- dropped (its name).
SELECT dropped FROM audit.drop_expired_partitions($1) AS dropped

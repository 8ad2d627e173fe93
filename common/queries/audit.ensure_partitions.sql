-- The audit trail's partitions for this month and the next two.
SELECT audit.ensure_partitions(2)

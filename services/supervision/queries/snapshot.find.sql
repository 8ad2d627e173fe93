-- The snapshot of kind $1 for the period starting $2.
SELECT id, snapshot FROM snapshots WHERE kind = $1 AND period_start = $2::date

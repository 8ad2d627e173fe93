-- Publishes a snapshot unless one of its kind and period is already
-- published (then no row). $1 kind, $2 period_start, $3 period_end,
-- $4 the serialized Snapshot.
INSERT INTO snapshots (kind, period_start, period_end, snapshot)
VALUES ($1, $2::date, $3::date, $4)
ON CONFLICT (kind, period_start) DO NOTHING
RETURNING id

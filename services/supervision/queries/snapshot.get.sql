-- A snapshot. $1 id.
SELECT id, snapshot FROM snapshots WHERE id = $1

-- An activity to update, locked until the transaction ends. $1 id.
SELECT r.*
FROM activities a CROSS JOIN LATERAL activity_read(a) r
WHERE a.id = $1
FOR UPDATE OF a

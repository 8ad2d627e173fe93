-- An activity with the enterprises it met. $1 id.
SELECT r.*
FROM activities a CROSS JOIN LATERAL activity_read(a) r
WHERE a.id = $1

-- A page of funds, newest first. $1 project_id (NULL: any), $2 and $3 the
-- arrival_date range (NULL: any), $4 below this id (the page token),
-- $5 rows.
SELECT f.id, f.project_id, to_char(f.arrival_date, 'YYYY-MM-DD') AS arrival_date,
       f.amount_wan_yuan, f.note, f.warning,
       (extract(epoch FROM f.created_at) * 1000000)::bigint AS created_micros,
       (SELECT p.name FROM projects p WHERE p.id = f.project_id) AS project_name
FROM funds f
WHERE ($1::bigint IS NULL OR f.project_id = $1)
  AND ($2::date IS NULL OR f.arrival_date BETWEEN $2 AND $3::date)
  AND ($4::bigint IS NULL OR f.id < $4)
ORDER BY f.id DESC
LIMIT $5

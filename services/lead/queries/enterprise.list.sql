-- A page of enterprises in use, newest first; every filter optional.
-- $1 industry, $2 type, $3 in the name, $4 below this id (the page token),
-- $5 rows, $6 the name core of $3 ('': none).
SELECT id, name, credit_code, type, industry, region, contact_name, contact_phone,
       merged_into_id, version,
       (extract(epoch FROM created_at) * 1000000)::bigint AS created_micros,
       (extract(epoch FROM updated_at) * 1000000)::bigint AS updated_micros
FROM enterprises
WHERE merged_into_id IS NULL
  AND ($1::int IS NULL OR industry = $1)
  AND ($2::int IS NULL OR type = $2)
  AND ($3::text IS NULL OR strpos(name, $3) > 0 OR ($6 <> '' AND strpos(name_core, $6) > 0))
  AND ($4::bigint IS NULL OR id < $4)
ORDER BY id DESC
LIMIT $5

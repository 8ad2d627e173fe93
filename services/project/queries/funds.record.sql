-- Funds arrived. $1 project_id, $2 arrival_date, $3 amount_wan_yuan,
-- $4 note, $5 warning.
INSERT INTO funds AS f (project_id, arrival_date, amount_wan_yuan, note, warning)
VALUES ($1, $2, $3, $4, $5)
RETURNING f.id, f.project_id, to_char(f.arrival_date, 'YYYY-MM-DD') AS arrival_date,
          f.amount_wan_yuan, f.note, f.warning,
          (extract(epoch FROM f.created_at) * 1000000)::bigint AS created_micros,
          (SELECT p.name FROM projects p WHERE p.id = f.project_id) AS project_name

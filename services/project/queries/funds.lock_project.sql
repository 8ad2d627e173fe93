-- The project funds arrive for, locked: its stage, total investment, the
-- funds paid in so far (paid_in) and its signed_date ('' unsigned).
-- $1 project_id.
SELECT stage, total_investment_wan_yuan,
       (SELECT COALESCE(sum(amount_wan_yuan), 0) FROM funds WHERE project_id = $1) AS paid_in,
       COALESCE(to_char(signed_date, 'YYYY-MM-DD'), '') AS signed_date
FROM projects
WHERE id = $1
FOR UPDATE

-- The year after $1 (YYYY-MM-DD; 400 days cover any time limit the rules
-- allow, ≤ 250 working days): holidays and working weekends.
SELECT to_char(day, 'YYYY-MM-DD') AS day, is_holiday
FROM calendar_days
WHERE day > $1::date AND day <= $1::date + 400

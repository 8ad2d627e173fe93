-- Forgets year $1's holidays and working weekends.
DELETE FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1)

-- Day $1 is a working weekend day (unless it is a holiday).
INSERT INTO calendar_days (day, is_holiday) VALUES ($1, false)
ON CONFLICT (day) DO NOTHING

-- Day $1 is a holiday.
INSERT INTO calendar_days (day, is_holiday) VALUES ($1, true)
ON CONFLICT (day) DO UPDATE SET is_holiday = true

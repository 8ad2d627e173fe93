-- New time limits. $1 respond_hours, $2 assess_hours,
-- $3 referrer_feedback_hours, $4 progress_interval_days.
UPDATE lead_time_limits
SET respond_hours = $1, assess_hours = $2, referrer_feedback_hours = $3,
    progress_interval_days = $4, version = version + 1

-- The district's lead time limits (one row).
SELECT respond_hours, assess_hours, referrer_feedback_hours, progress_interval_days, version
FROM lead_time_limits

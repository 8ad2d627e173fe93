-- The time limits' version, the row locked until the transaction ends.
SELECT version FROM lead_time_limits FOR UPDATE

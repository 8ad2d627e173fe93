-- The business day of a lead's status change (#17 "business dates"): a drop
-- keyed in late carries the day the lead was given up, not the day it was
-- typed. Earlier changes get the day they were recorded, China Standard Time.
ALTER TABLE lead_status_history ADD COLUMN effective_date date;
UPDATE lead_status_history SET effective_date = (changed_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE lead_status_history
  ALTER COLUMN effective_date SET DEFAULT (now() AT TIME ZONE 'Asia/Shanghai')::date,
  ALTER COLUMN effective_date SET NOT NULL;

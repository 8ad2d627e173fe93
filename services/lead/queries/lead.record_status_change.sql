-- One line of a lead's status history, effective on $6 (YYYY-MM-DD) or,
-- when NULL, today in China Standard Time. $1 lead_id, $2 from_status,
-- $3 to_status, $4 changed_by, $5 reason.
INSERT INTO lead_status_history (lead_id, from_status, to_status, changed_by, reason,
                                 effective_date)
VALUES ($1, $2, $3, $4, $5, COALESCE($6::date, (now() AT TIME ZONE 'Asia/Shanghai')::date))

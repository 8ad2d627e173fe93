-- The lead a one-statement CreateLead recorded for its request id, rendered
-- as now (common/idempotency.h). $1 request_id.
SELECT r.*
FROM idempotency_keys k
CROSS JOIN LATERAL jsonb_populate_record(NULL::leads, k.response_row) l
CROSS JOIN LATERAL lead_read(l) r
WHERE k.request_id = $1

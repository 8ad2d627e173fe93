-- Marks lead $2 merged into lead $1.
UPDATE leads
SET status = {{zhaoshang.lead.v1.LEAD_STATUS_MERGED}}, merged_into_id = $1,
    version = version + 1, updated_at = now()
WHERE id = $2

-- Marks a lead dropped for reason $2. $1 id.
UPDATE leads
SET status = {{zhaoshang.lead.v1.LEAD_STATUS_DROPPED}}, drop_reason = $2,
    version = version + 1, updated_at = now()
WHERE id = $1

-- Marks a lead converted into project $2. $1 id.
UPDATE leads
SET status = {{zhaoshang.lead.v1.LEAD_STATUS_CONVERTED}}, project_id = $2,
    version = version + 1, updated_at = now()
WHERE id = $1

-- Writes an updated lead's fields; naming a follow-up owner for the first
-- time is its response. $1 id, $2 title, $3 channel, $4 industry,
-- $5 chain_action, $6 estimated_investment_wan_yuan, $7 follow_up_owner,
-- $8 activity_id, $9 referrer_id, $10 collected_date, $11 description.
UPDATE leads
SET title = $2, channel = $3, industry = $4, chain_action = $5,
    estimated_investment_wan_yuan = $6, follow_up_owner = $7, activity_id = $8,
    referrer_id = $9, collected_date = $10, description = $11,
    responded_at = COALESCE(responded_at, CASE WHEN $7 <> '' THEN now() END),
    version = version + 1, updated_at = now()
WHERE id = $1

-- Writes an updated project. $1 id, $2 name, $3 industry, $4 chain_action,
-- $5 park_code, $6 enterprise_type, $7 total_investment_wan_yuan,
-- $8 planned_sign_date, $9 planned_start_date, $10 planned_completion_date,
-- $11 leader_code, $12 commander_code, $13 dedicated_person,
-- $14 service_team.
UPDATE projects
SET name = $2, industry = $3, chain_action = $4, park_code = $5, enterprise_type = $6,
    total_investment_wan_yuan = $7, planned_sign_date = $8, planned_start_date = $9,
    planned_completion_date = $10, leader_code = $11, commander_code = $12,
    dedicated_person = $13, service_team = $14, version = version + 1, updated_at = now()
WHERE id = $1

-- A new project. $1 name, $2 enterprise_id, $3 lead_id, $4 whether the
-- lead's conversion is still to be confirmed, $5 industry, $6 chain_action,
-- $7 park_code, $8 enterprise_type, $9 total_investment_wan_yuan,
-- $10 planned_sign_date, $11 planned_start_date, $12 planned_completion_date,
-- $13 unit_code, $14 leader_code, $15 commander_code, $16 dedicated_person,
-- $17 service_team, $18 stage, $19 collected_by.
INSERT INTO projects (name, enterprise_id, lead_id, lead_conversion_pending, industry,
                      chain_action, park_code, enterprise_type, total_investment_wan_yuan,
                      planned_sign_date, planned_start_date, planned_completion_date, unit_code,
                      leader_code, commander_code, dedicated_person, service_team, stage,
                      collected_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
RETURNING id

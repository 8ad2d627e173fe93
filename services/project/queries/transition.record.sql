-- One line of a project's history. $1 project_id, $2 kind, $3 from_stage,
-- $4 to_stage, $5 effective_date, $6 investment_wan_yuan,
-- $7 increment_wan_yuan, $8 activity_id, $9 enterprise_id, $10 reason,
-- $11 actor.
INSERT INTO transitions (project_id, kind, from_stage, to_stage, effective_date,
                         investment_wan_yuan, increment_wan_yuan, activity_id, enterprise_id,
                         reason, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)

-- Records a handover. $1 project_id, $2 from_unit_code, $3 to_unit_code,
-- $4 reason, $5 actor.
INSERT INTO project_handovers (project_id, from_unit_code, to_unit_code, reason, actor)
VALUES ($1, $2, $3, $4, $5)

-- A new, open enterprise request. $1 project_id, $2 category, $3 content,
-- $4 unit_code, $5 time_limit_working_days, $6 raised_date, $7 due_date,
-- $8 agency_service.
INSERT INTO enterprise_requests (project_id, category, content, unit_code,
                                 time_limit_working_days, raised_date, due_date, agency_service,
                                 state)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, {{zhaoshang.project.v1.REQUEST_STATE_OPEN}})
RETURNING id

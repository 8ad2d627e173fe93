-- Moves project $1 to stage $2 with investment $3; each stage stamps its own
-- date column with the effective date $6; dropping keeps reason $4,
-- signing the activity $5 it was signed at.
UPDATE projects
SET stage = $2::smallint, total_investment_wan_yuan = $3,
    drop_reason = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_DROPPED}} THEN $4 ELSE drop_reason END,
    signed_at_activity_id = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_SIGNED}}
                                 THEN $5 ELSE signed_at_activity_id END,
    signed_date = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_SIGNED}}
                       THEN $6::date ELSE signed_date END,
    planned_start_date = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_TO_START}}
                              THEN $6::date ELSE planned_start_date END,
    started_date = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_STARTED}}
                        THEN $6::date ELSE started_date END,
    completed_date = CASE WHEN $2::smallint = {{zhaoshang.project.v1.STAGE_COMPLETED}}
                          THEN $6::date ELSE completed_date END,
    version = version + 1, updated_at = now()
WHERE id = $1

-- A project about to change, locked: stage, version, investment and the
-- date of its last business change (last_effective_date). The creation row
-- is when the project was recorded, not a business date, and a rollover is
-- derived, so history entered late (signed last year) stays possible.
-- $1 id.
SELECT stage, version, total_investment_wan_yuan,
       (SELECT to_char(max(t.effective_date), 'YYYY-MM-DD')
        FROM transitions t
        WHERE t.project_id = p.id AND t.from_stage <> {{zhaoshang.project.v1.STAGE_UNSPECIFIED}}
          AND t.kind <> {{zhaoshang.project.v1.StageTransition.KIND_YEAR_ROLLOVER}}) AS last_effective_date
FROM projects p
WHERE id = $1
FOR UPDATE

-- Projects continuing into the new year $1 by their recorded dates
-- (continuing_on, migration 0002) and still under construction: STARTED
-- becomes CONTINUING, CONTINUING carries again; only what no earlier run
-- marked. $2 actor, $3 reason.
WITH carried AS (
  SELECT p.id, p.stage, investment_before(p, $1::date) AS investment
  FROM projects p
  WHERE p.stage IN ({{zhaoshang.project.v1.STAGE_STARTED}}, {{zhaoshang.project.v1.STAGE_CONTINUING}})
    AND continuing_on(p, $1::date)
    AND NOT EXISTS (SELECT 1 FROM transitions r
                    WHERE r.project_id = p.id
                      AND r.kind = {{zhaoshang.project.v1.StageTransition.KIND_YEAR_ROLLOVER}}
                      AND r.effective_date = $1::date)
  FOR UPDATE OF p),
marked AS (
  UPDATE projects p SET stage = {{zhaoshang.project.v1.STAGE_CONTINUING}}, version = version + 1, updated_at = now()
  FROM carried c
  WHERE p.id = c.id
  RETURNING p.id)
INSERT INTO transitions (project_id, kind, from_stage, to_stage, effective_date,
                         investment_wan_yuan, actor, reason)
SELECT c.id, {{zhaoshang.project.v1.StageTransition.KIND_YEAR_ROLLOVER}}, c.stage, {{zhaoshang.project.v1.STAGE_CONTINUING}},
       $1::date, c.investment, $2, $3
FROM carried c

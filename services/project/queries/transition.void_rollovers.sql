-- A rollover is not a business event (it is derived from the dates): one
-- that carried project $1 into a year it had ended before ($2, its end) is
-- void.
DELETE FROM transitions
WHERE project_id = $1 AND kind = {{zhaoshang.project.v1.StageTransition.KIND_YEAR_ROLLOVER}}
  AND effective_date > $2::date

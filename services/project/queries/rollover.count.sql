-- How many projects were carried into the year starting on $1.
SELECT count(*) AS marked
FROM transitions
WHERE kind = {{zhaoshang.project.v1.StageTransition.KIND_YEAR_ROLLOVER}} AND effective_date = $1

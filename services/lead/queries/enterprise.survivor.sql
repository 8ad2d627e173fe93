-- The enterprise a merged record now lives on: its chain of merges followed
-- to the record still in use. $1 id.
WITH RECURSIVE chain(id, next) AS (
  SELECT id, merged_into_id FROM enterprises WHERE id = $1
  UNION ALL
  SELECT e.id, e.merged_into_id FROM enterprises e JOIN chain c ON e.id = c.next)
SELECT id FROM chain WHERE next IS NULL

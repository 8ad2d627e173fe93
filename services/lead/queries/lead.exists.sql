-- One row when the lead exists. $1 id.
SELECT 1 FROM leads WHERE id = $1

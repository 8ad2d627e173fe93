-- One row when project $1's ledger has a measure.
SELECT 1 FROM ledger_entries
WHERE project_id = $1 AND kind = {{zhaoshang.project.v1.LedgerEntry.KIND_MEASURE}}
LIMIT 1

-- Whether this transaction may fold the report deltas: one fold at a time
-- per schema (two replicas folding at once would each add what the other
-- deleted only after both committed). Held until the transaction ends.
SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.report_deltas')) AS locked

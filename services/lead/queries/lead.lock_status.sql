-- A lead's status, the lead locked until the transaction ends. $1 id.
SELECT status FROM leads WHERE id = $1 FOR UPDATE

-- An enterprise request's state and version, locked. $1 id.
SELECT state, version FROM enterprise_requests WHERE id = $1 FOR UPDATE

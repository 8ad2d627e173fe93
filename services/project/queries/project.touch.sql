-- Project $1 changed (a new version, for etags).
UPDATE projects SET version = version + 1, updated_at = now() WHERE id = $1

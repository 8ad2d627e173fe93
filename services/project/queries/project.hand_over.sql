-- Project $1 is now unit $2's.
UPDATE projects SET unit_code = $2, version = version + 1, updated_at = now() WHERE id = $1

-- One row when migration $1 was applied.
SELECT 1 FROM schema_migrations WHERE version = $1

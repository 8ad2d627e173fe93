-- The newest migration applied to this schema.
SELECT COALESCE(max(version), 0) AS version FROM schema_migrations

-- Whether this schema has been migrated at all.
SELECT to_regclass('schema_migrations') IS NOT NULL AS migrated

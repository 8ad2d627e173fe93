-- Migration $1 (file $2) is applied.
INSERT INTO schema_migrations (version, name) VALUES ($1, $2)

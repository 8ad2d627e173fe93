-- Tables of this schema named in $1 (text[], the unaudited) that still
-- carry the audit trigger: they joined the list since it was attached.
SELECT c.relname
FROM pg_class c JOIN pg_trigger t ON t.tgrelid = c.oid
WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname = 'zs_audit'
  AND c.relname = ANY ($1::text[])

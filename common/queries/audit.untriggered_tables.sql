-- This schema's tables that should carry the audit trigger and do not yet:
-- all but those named in $1 (text[]).
SELECT c.relname
FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
  AND c.relname <> ALL ($1::text[])
  AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'zs_audit')

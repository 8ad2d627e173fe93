-- The trigger function of this schema's audited tables. The rows go to
-- audit.events through audit.record_change, which runs as the database
-- owner: this service's role can append but never change or delete what
-- was recorded.
CREATE OR REPLACE FUNCTION zs_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
BEGIN
  PERFORM audit.record_change(TG_TABLE_SCHEMA, TG_TABLE_NAME,
                              COALESCE(new_row ->> 'id', old_row ->> 'id', ''),
                              TG_OP, old_row, new_row);
  RETURN NULL;
END $$

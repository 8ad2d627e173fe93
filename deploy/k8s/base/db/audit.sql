-- The audit trail, kept as 等保 (MLPS 2.0) expects: insert-only for the
-- services, by month, for at least six months.
--
-- Run as the database owner after service_roles.sql (the zs-db-roles Job,
-- ./zs run, the tests); safe to re-run. The schema "audit" and everything
-- in it belong to the database owner. A service's own role can only call
-- the SECURITY DEFINER functions below, which append (record_change,
-- record_denial) or keep partitions in shape (ensure_partitions,
-- drop_expired_partitions, which never drops a month younger than six), and
-- read its own rows (row-level security). It cannot UPDATE, DELETE,
-- TRUNCATE or DROP: not even the schema owner's rights over its own schema
-- reach here.
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS audit;
REVOKE ALL ON SCHEMA audit FROM PUBLIC;

CREATE TABLE IF NOT EXISTS audit.events (
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  db_role name NOT NULL,         -- the service's login role (session_user)
  schema_name text NOT NULL,     -- the service's schema
  outcome text NOT NULL,         -- 'changed' or 'denied'
  principal text NOT NULL,
  on_behalf_of text NOT NULL DEFAULT '',
  method text NOT NULL,
  request_id text NOT NULL DEFAULT '',
  table_name text NOT NULL DEFAULT '',
  record_id text NOT NULL DEFAULT '',
  operation text NOT NULL,       -- INSERT, UPDATE, DELETE; DENY for a refused call
  before jsonb,
  after jsonb,
  reason text NOT NULL DEFAULT '',  -- why a call was refused
  peer text NOT NULL DEFAULT '',    -- the refused caller's address
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX IF NOT EXISTS events_record ON audit.events (schema_name, table_name, record_id, id);
CREATE INDEX IF NOT EXISTS events_request ON audit.events (schema_name, request_id);
-- A row whose month has no partition yet (ensure_partitions runs at every
-- service start and hourly) still lands somewhere.
CREATE TABLE IF NOT EXISTS audit.events_default PARTITION OF audit.events DEFAULT;

ALTER TABLE audit.events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_rows ON audit.events;
CREATE POLICY own_rows ON audit.events FOR SELECT USING (db_role = current_user);

-- A row changed by a service's transaction; the trigger in the service's
-- schema calls this. Who and why come from the transaction's settings
-- (zs.principal …), which RpcExecutor sets.
CREATE OR REPLACE FUNCTION audit.record_change(p_schema text, p_table text, p_record text,
                                               p_operation text, p_before jsonb, p_after jsonb)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
  INSERT INTO audit.events (db_role, schema_name, outcome, principal, on_behalf_of, method,
                            request_id, table_name, record_id, operation, before, after)
  VALUES (session_user, p_schema, 'changed',
          COALESCE(NULLIF(current_setting('zs.principal', true), ''), 'system'),
          COALESCE(current_setting('zs.on_behalf_of', true), ''),
          COALESCE(NULLIF(current_setting('zs.method', true), ''), 'system'),
          COALESCE(current_setting('zs.request_id', true), ''),
          p_table, p_record, p_operation, p_before, p_after)
$$;

-- A call the service refused: who, what, when (now) and why.
CREATE OR REPLACE FUNCTION audit.record_denial(p_schema text, p_principal text,
                                               p_on_behalf_of text, p_method text,
                                               p_request_id text, p_reason text, p_peer text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
  INSERT INTO audit.events (db_role, schema_name, outcome, principal, on_behalf_of, method,
                            request_id, operation, reason, peer)
  VALUES (session_user, p_schema, 'denied', left(p_principal, 128), left(p_on_behalf_of, 128),
          left(p_method, 128), left(p_request_id, 128), 'DENY', left(p_reason, 1000),
          left(p_peer, 128))
$$;

-- Monthly partitions audit.events_YYYYMM from this month to `p_months_ahead`
-- months ahead (China Standard Time months).
CREATE OR REPLACE FUNCTION audit.ensure_partitions(p_months_ahead int DEFAULT 2)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
DECLARE
  month date := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date;
  name text;
BEGIN
  FOR i IN 0 .. LEAST(GREATEST(p_months_ahead, 0), 24) LOOP
    name := 'events_' || to_char(month, 'YYYYMM');
    IF to_regclass('audit.' || name) IS NULL THEN
      -- Serialises replicas starting together.
      PERFORM pg_advisory_xact_lock(hashtext('zs-audit-partitions'));
      IF to_regclass('audit.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE audit.%I PARTITION OF audit.events FOR VALUES FROM (%L) TO (%L)',
                       name, (month::timestamp AT TIME ZONE 'Asia/Shanghai'),
                       ((month + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai'));
      END IF;
    END IF;
    month := (month + interval '1 month')::date;
  END LOOP;
END $$;

-- Drops the monthly partitions that ended more than `p_keep_months` months
-- ago (never fewer than six: 等保 asks for six months of logs). Returns the
-- partitions dropped.
CREATE OR REPLACE FUNCTION audit.drop_expired_partitions(p_keep_months int)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
DECLARE
  keep_from date := (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')
                     - make_interval(months => GREATEST(p_keep_months, 6)))::date;
  partition record;
BEGIN
  FOR partition IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit.events'::regclass AND c.relname ~ '^events_[0-9]{6}$'
      AND to_date(substr(c.relname, 8), 'YYYYMM') < keep_from
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE audit.%I', partition.relname);
    RETURN NEXT partition.relname;
  END LOOP;
END $$;

DO $$ BEGIN PERFORM audit.ensure_partitions(2); END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA audit FROM PUBLIC;
DO $grants$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['zs_lead', 'zs_project', 'zs_supervision', 'zs_identity'] LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('GRANT USAGE ON SCHEMA audit TO %I', role_name);
      EXECUTE format('GRANT SELECT ON audit.events TO %I', role_name);
      EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA audit TO %I', role_name);
    END IF;
  END LOOP;
END
$grants$;

-- Least privilege in PostgreSQL: each service that owns a schema logs in as
-- its own role (zs_lead, zs_project, zs_supervision, zs_identity), owns its schema and
-- nothing else. No role can read another service's schema: a schema grants
-- USAGE only to its owner. Run as the database owner on the service
-- database; safe to re-run. A schema made before the roles existed (an older
-- development database) is handed to its service's role with its objects.
DO $roles$
DECLARE
  service text;
  role_name text;
  object record;
BEGIN
  FOREACH service IN ARRAY ARRAY['lead', 'project', 'supervision', 'identity'] LOOP
    role_name := 'zs_' || service;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', role_name);
    END IF;
    -- CREATE on the database lets the service create its own schema (and
    -- the trusted pg_trgm extension) on first start.
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), role_name);
    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = service) THEN
      EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, role_name);
      FOR object IN
        SELECT c.relname, c.relkind FROM pg_class c
        WHERE c.relnamespace = service::regnamespace AND c.relkind IN ('r', 'S', 'v', 'm')
          -- a sequence that belongs to a column moves with its table
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
      LOOP
        EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                       CASE object.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                           WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                       service, object.relname, role_name);
      END LOOP;
      FOR object IN
        SELECT p.oid::regprocedure AS signature FROM pg_proc p
        WHERE p.pronamespace = service::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.objid = p.oid AND d.deptype = 'e')  -- not pg_trgm's own
      LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', object.signature, role_name);
      END LOOP;
    END IF;
  END LOOP;
END
$roles$;

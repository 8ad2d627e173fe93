-- Maintained rollups for the report's project figures (#20): signed,
-- started and the other stage figures, funds in place and continuing
-- projects. The scheme and the tables are those of the lead schema
-- (lead/0006_report_rollups, common/report_rollup.h): triggers write signed
-- delta rows in the write's own transaction, a background job folds them
-- into per-day and per-month cells, a report sums cells plus unfolded deltas.
--
-- A project's facts depend on several tables (the project's dimensions,
-- its transitions, its funds, its dates), so they are recomputed whole for
-- the one project a write touches and kept on its row of project_facts: the
-- difference between the facts before and after is what goes into the
-- deltas.

-- One fact a record gives the report, signed (see lead/0006). Figures:
-- 'transitions.<to_stage>' (a stage change into that stage, counted; a
-- capital increase adds its increment to 'transitions.3', signed, without
-- counting), 'funds' (a payment), 'continuing' (see continuing_steps).
CREATE TABLE report_deltas (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  figure      text NOT NULL,
  day         date NOT NULL,
  sign        smallint NOT NULL CHECK (sign IN (-1, 1)),
  counted     boolean NOT NULL,
  amount      bigint NOT NULL,
  keys        jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_deltas_figure_day ON report_deltas (figure, day);
-- A queue: every row is deleted within a second of its insert. Vacuumed
-- after every 10,000 of them rather than after a fifth of a table that is
-- nearly always empty, so reports do not step over dead index entries.
ALTER TABLE report_deltas SET (autovacuum_vacuum_scale_factor = 0,
                               autovacuum_vacuum_threshold = 10000,
                               autovacuum_vacuum_insert_scale_factor = 0,
                               autovacuum_vacuum_insert_threshold = 10000);

-- The folded cells: one row per figure, day (or month) and dimension key;
-- dimension 'total' (key '') carries the investment bands. `row_count` is
-- how many facts the cell holds: a cell of count 0 still exists while it
-- holds money that adds without counting.
CREATE TABLE report_rollup_days (
  figure         text NOT NULL,
  day            date NOT NULL,
  dimension      text NOT NULL,
  key            text NOT NULL,
  row_count      bigint NOT NULL,
  count          bigint NOT NULL,
  amount         bigint NOT NULL,
  count_ge_1yi   bigint NOT NULL,
  amount_ge_1yi  bigint NOT NULL,
  count_ge_10yi  bigint NOT NULL,
  amount_ge_10yi bigint NOT NULL,
  PRIMARY KEY (figure, day, dimension, key)
);
CREATE TABLE report_rollup_months (LIKE report_rollup_days INCLUDING ALL);
ALTER TABLE report_rollup_months RENAME COLUMN day TO month;

-- The key of a project under each dimension of its figures: the project as
-- it is now, as the reports have always grouped (a project handed over to
-- another unit moves all its figures with it).
CREATE FUNCTION project_report_keys(p projects) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object('unit', p.unit_code, 'industry', p.industry::text,
                            'park', COALESCE(p.park_code, 'none'),
                            'leader', COALESCE(p.leader_code, 'none'),
                            'chain_action', p.chain_action::text,
                            'activity', COALESCE(p.signed_at_activity_id::text, 'none'))
$$;

-- Continuing projects (续建) in year Y are those under construction as Y
-- began (continuing_on, 0002), with their investment as it stood then
-- (investment_before). Counted per year, they are kept as steps whose
-- running sum up to 1 January of Y gives Y's figure: +1 in the first year,
-- -1/+1 in a year whose investment differs from the year before, -1 in the
-- year after the last. Years are explicit up to the one after the last
-- dated change, after which the investment cannot change any more; a
-- project still under construction has no last year.
CREATE FUNCTION continuing_steps(p projects)
RETURNS TABLE (day date, sign smallint, amount bigint)
LANGUAGE sql STABLE AS $$
  WITH span AS (
    SELECT extract(year FROM p.started_date)::int + 1 AS first_year,
           -- completed in Y: still continuing in Y; dropped (stage 8) in Y: likewise
           LEAST(extract(year FROM p.completed_date)::int,
                 (SELECT extract(year FROM min(d.effective_date))::int FROM transitions d
                  WHERE d.project_id = p.id AND d.kind = 1 AND d.to_stage = 8)) AS last_year,
           (SELECT extract(year FROM max(t.effective_date))::int + 1 FROM transitions t
            WHERE t.project_id = p.id AND t.from_stage <> 0) AS settled_year
    WHERE p.started_date IS NOT NULL
  ),
  years AS (
    SELECT y, investment_before(p, make_date(y, 1, 1)) AS amount, last_year
    FROM span, generate_series(first_year,
                               COALESCE(last_year, GREATEST(first_year, settled_year))) y
  ),
  steps AS (
    SELECT y, amount, lag(amount) OVER (ORDER BY y) AS before, last_year,
           y = max(y) OVER () AS final
    FROM years
  )
  SELECT make_date(y, 1, 1), 1::smallint, amount FROM steps
  WHERE before IS DISTINCT FROM amount
  UNION ALL
  SELECT make_date(y, 1, 1), -1::smallint, before FROM steps
  WHERE before IS NOT NULL AND before <> amount
  UNION ALL
  SELECT make_date(y + 1, 1, 1), -1::smallint, amount FROM steps
  WHERE final AND last_year IS NOT NULL
$$;

-- Every fact project `p` gives the report, from its records now. Stage
-- changes are kind 1 (KIND_STAGE_CHANGE), capital increases kind 2
-- (KIND_CAPITAL_INCREASE), signing is stage 3 (STAGE_SIGNED).
CREATE FUNCTION project_report_facts(p projects)
RETURNS TABLE (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)
LANGUAGE sql STABLE AS $$
  SELECT f.figure, f.day, f.sign, f.counted, f.amount, project_report_keys(p)
  FROM (
    SELECT CASE t.kind WHEN 1 THEN 'transitions.' || t.to_stage ELSE 'transitions.3' END,
           t.effective_date, 1::smallint, t.kind = 1,
           CASE t.kind WHEN 1 THEN t.investment_wan_yuan ELSE t.increment_wan_yuan END
    FROM transitions t WHERE t.project_id = p.id AND t.kind IN (1, 2)
    UNION ALL
    SELECT 'funds', d.arrival_date, 1::smallint, true, d.amount_wan_yuan
    FROM funds d WHERE d.project_id = p.id
    UNION ALL
    SELECT 'continuing', s.day, s.sign, true, s.amount FROM continuing_steps(p) s
  ) f (figure, day, sign, counted, amount)
  WHERE p.id IS NOT NULL
$$;

-- The facts each project gave the report when last written: one row per
-- project, updated in the transaction of every write to the project, its
-- transitions or its funds.
CREATE TABLE project_facts (
  project_id bigint PRIMARY KEY REFERENCES projects (id),
  facts      jsonb NOT NULL  -- [{figure, day, sign, counted, amount, keys}, …]
);

-- Recomputes project `project`'s facts and writes the difference from the
-- facts it gave before as deltas.
CREATE FUNCTION refresh_project_facts(project bigint) RETURNS void LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
DECLARE
  before jsonb;
  now_facts jsonb;
BEGIN
  SELECT facts INTO before FROM project_facts f WHERE f.project_id = project FOR UPDATE;
  SELECT COALESCE(jsonb_agg(to_jsonb(f) ORDER BY f.figure, f.day, f.sign, f.amount), '[]')
    INTO now_facts
    FROM projects p CROSS JOIN LATERAL project_report_facts(p) f WHERE p.id = project;
  IF before IS NOT DISTINCT FROM now_facts THEN
    RETURN;
  END IF;
  INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
  SELECT g.figure, g.day, -g.sign, g.counted, g.amount, g.keys
  FROM (SELECT * FROM jsonb_to_recordset(COALESCE(before, '[]')) AS
          b (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)
        EXCEPT ALL
        SELECT * FROM jsonb_to_recordset(now_facts) AS
          n (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)) g
  UNION ALL
  SELECT c.figure, c.day, c.sign, c.counted, c.amount, c.keys
  FROM (SELECT * FROM jsonb_to_recordset(now_facts) AS
          n (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)
        EXCEPT ALL
        SELECT * FROM jsonb_to_recordset(COALESCE(before, '[]')) AS
          b (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)) c;
  INSERT INTO project_facts AS f (project_id, facts) VALUES (project, now_facts)
  ON CONFLICT (project_id) DO UPDATE SET facts = excluded.facts;
END
$$;

CREATE FUNCTION projects_report_deltas() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM refresh_project_facts(NEW.id);
  RETURN NULL;
END
$$;
CREATE TRIGGER projects_report_deltas
  AFTER INSERT OR UPDATE OF unit_code, industry, park_code, leader_code, chain_action,
    signed_at_activity_id, started_date, completed_date, total_investment_wan_yuan
  ON projects FOR EACH ROW EXECUTE FUNCTION projects_report_deltas();

-- Transitions and funds: the project (or both, if a row moved) is refreshed.
CREATE FUNCTION project_rows_report_deltas() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM refresh_project_facts(OLD.project_id);
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.project_id <> OLD.project_id) THEN
    PERFORM refresh_project_facts(NEW.project_id);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER transitions_report_deltas
  AFTER INSERT OR DELETE OR UPDATE OF project_id, kind, from_stage, to_stage, effective_date,
    investment_wan_yuan, increment_wan_yuan
  ON transitions FOR EACH ROW EXECUTE FUNCTION project_rows_report_deltas();
CREATE TRIGGER funds_report_deltas
  AFTER INSERT OR DELETE OR UPDATE OF project_id, arrival_date, amount_wan_yuan
  ON funds FOR EACH ROW EXECUTE FUNCTION project_rows_report_deltas();

-- Every fact the records give the report now, with project_facts rewritten
-- to match: what a rebuild compares the rollups with
-- (common/report_rollup.h, RebuildReportRollups).
CREATE FUNCTION rebuild_record_facts()
RETURNS TABLE (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  DELETE FROM project_facts;
  INSERT INTO project_facts (project_id, facts)
  SELECT p.id, COALESCE(jsonb_agg(to_jsonb(f) ORDER BY f.figure, f.day, f.sign, f.amount)
                          FILTER (WHERE f.figure IS NOT NULL), '[]')
  FROM projects p LEFT JOIN LATERAL project_report_facts(p) f ON true
  GROUP BY p.id;
  RETURN QUERY
  SELECT e.figure, e.day, e.sign, e.counted, e.amount, e.keys
  FROM project_facts pf CROSS JOIN LATERAL jsonb_to_recordset(pf.facts) AS
    e (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb);
END
$$;

-- The backfill: every existing project's facts, as deltas the service folds
-- when it starts (common/report_rollup.h, FoldReportDeltas).
INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
SELECT figure, day, sign, counted, amount, keys FROM rebuild_record_facts();

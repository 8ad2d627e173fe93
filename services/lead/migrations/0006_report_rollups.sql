-- Maintained rollups for the report's lead and activity figures (#20): the
-- aggregates read these instead of scanning every lead on every report.
-- common/report_rollup.h explains the scheme; in short:
--   * every write that changes what a record gives the report inserts its
--     difference as delta rows (report_deltas), in the write's own
--     transaction, from a trigger, so no code path can forget it and no two
--     writers share a counter row;
--   * a background job folds the deltas into per-day and per-month cells
--     (report_rollup_days, report_rollup_months);
--   * a report sums the cells of its period plus the deltas not folded yet,
--     in one statement, so it is exact at every moment.
-- The tables have the same shape in the project schema (0004_report_rollups).

-- One fact a record gives the report, signed: +1 when it starts counting,
-- -1 when it stops (a lead merged, moved to another unit, re-dated …).
-- `figure` names what is counted ('leads', 'activities.<kind>'), `day` its
-- business day, `keys` its key under each dimension of the figure (the
-- column names of common/aggregate's dimensions), `amount` its money in 万元
-- (counted in the figure's sum even when `counted` is false).
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

-- What a lead gives the report: one fact in 'leads' on its collection day,
-- unless it was merged into another lead (status 5, LEAD_STATUS_MERGED),
-- which is never counted. NULL (the OLD of an INSERT): nothing.
CREATE FUNCTION lead_report_facts(l leads)
RETURNS TABLE (figure text, day date, counted boolean, amount bigint, keys jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'leads', l.collected_date, true, l.estimated_investment_wan_yuan,
         jsonb_build_object('unit_code', COALESCE(l.unit_code, 'none'),
                            'office_code', COALESCE(l.office_code, 'none'),
                            'industry', l.industry::text, 'channel', l.channel::text,
                            'status', l.status::text, 'chain_action', l.chain_action::text)
  WHERE l.id IS NOT NULL AND l.status <> 5
$$;

-- What an activity gives the report: one fact in 'activities.<kind>' on its
-- first day (outbound trips and merchant visits are counted apart).
CREATE FUNCTION activity_report_facts(a activities)
RETURNS TABLE (figure text, day date, counted boolean, amount bigint, keys jsonb)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'activities.' || a.kind, a.start_date, true, 0::bigint,
         jsonb_build_object('unit', COALESCE(a.unit_code, 'none'),
                            'office', COALESCE(a.office_code, 'none'),
                            'leader', COALESCE(a.leader_code, 'none'), 'kind', a.kind::text)
  WHERE a.id IS NOT NULL
$$;

-- Every fact the records give the report now: what a rebuild compares the
-- rollups with (common/report_rollup.h, RebuildReportRollups).
CREATE FUNCTION rebuild_record_facts()
RETURNS TABLE (figure text, day date, sign smallint, counted boolean, amount bigint, keys jsonb)
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT f.figure, f.day, 1::smallint, f.counted, f.amount, f.keys
  FROM leads l CROSS JOIN LATERAL lead_report_facts(l) f
  UNION ALL
  SELECT f.figure, f.day, 1::smallint, f.counted, f.amount, f.keys
  FROM activities a CROSS JOIN LATERAL activity_report_facts(a) f
$$;

-- The triggers: an insert adds the new row's facts; an update or delete
-- takes back the old row's facts and adds the new row's, except where the
-- two are the same fact (an update that changes nothing the report sees
-- writes nothing).
CREATE FUNCTION leads_report_deltas() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
    SELECT f.figure, f.day, 1, f.counted, f.amount, f.keys FROM lead_report_facts(NEW) f;
  ELSE
    INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
    SELECT g.figure, g.day, -1, g.counted, g.amount, g.keys
    FROM (SELECT * FROM lead_report_facts(OLD) EXCEPT ALL SELECT * FROM lead_report_facts(NEW)) g
    UNION ALL
    SELECT c.figure, c.day, 1, c.counted, c.amount, c.keys
    FROM (SELECT * FROM lead_report_facts(NEW) EXCEPT ALL SELECT * FROM lead_report_facts(OLD)) c;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER leads_report_deltas
  AFTER INSERT OR DELETE OR UPDATE OF collected_date, status, unit_code, office_code, industry,
    channel, chain_action, estimated_investment_wan_yuan
  ON leads FOR EACH ROW EXECUTE FUNCTION leads_report_deltas();

CREATE FUNCTION activities_report_deltas() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
  SELECT g.figure, g.day, -1, g.counted, g.amount, g.keys
  FROM (SELECT * FROM activity_report_facts(OLD)
        EXCEPT ALL SELECT * FROM activity_report_facts(NEW)) g
  UNION ALL
  SELECT c.figure, c.day, 1, c.counted, c.amount, c.keys
  FROM (SELECT * FROM activity_report_facts(NEW)
        EXCEPT ALL SELECT * FROM activity_report_facts(OLD)) c;
  RETURN NULL;
END
$$;
CREATE TRIGGER activities_report_deltas
  AFTER INSERT OR DELETE OR UPDATE OF kind, start_date, unit_code, office_code, leader_code
  ON activities FOR EACH ROW EXECUTE FUNCTION activities_report_deltas();

-- The backfill: every existing record's facts, as deltas the service folds
-- when it starts (common/report_rollup.h, FoldReportDeltas).
INSERT INTO report_deltas (figure, day, sign, counted, amount, keys)
SELECT figure, day, sign, counted, amount, keys FROM rebuild_record_facts();

-- Continuing projects (续建) follow the recorded history (README "Project
-- stages"): a project is continuing in a year when it was under
-- construction as the year began — started before the year's first day,
-- neither completed nor dropped before it — whenever those dates were
-- entered. The year rollover no longer decides it; it only marks the stage.

-- True when project `p` was under construction on the morning of
-- `first_day` (a year's 1 January).
CREATE FUNCTION continuing_on(p projects, first_day date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
RETURN p.started_date < first_day
   AND (p.completed_date IS NULL OR p.completed_date >= first_day)
   AND NOT EXISTS (SELECT 1 FROM transitions d
                   WHERE d.project_id = p.id AND d.kind = 1 AND d.to_stage = 8
                     AND d.effective_date < first_day);

-- Project `p`'s total investment as it stood before `day`: the latest
-- recorded change before it (a signing, a start, a capital increase …),
-- else the project's total now. The creation row is dated the day the
-- project was keyed in, not a business date, so it does not count.
CREATE FUNCTION investment_before(p projects, day date) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
RETURN COALESCE((SELECT t.investment_wan_yuan FROM transitions t
                 WHERE t.project_id = p.id AND t.from_stage <> 0 AND t.effective_date < day
                 ORDER BY t.effective_date DESC, t.id DESC LIMIT 1),
                p.total_investment_wan_yuan);

CREATE INDEX projects_started_date ON projects (started_date) WHERE started_date IS NOT NULL;

-- The lead service's schema: enterprises, referrers, activities, leads and
-- their follow-ups, status history, time limits and merges.
-- Enum columns hold the proto enum numbers (zhaoshang.common.v1 / lead.v1).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE idempotency_keys (
  request_id   text PRIMARY KEY,
  method       text NOT NULL,
  request_hash text NOT NULL,
  response     bytea,
  principal    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name            text NOT NULL,
  normalised_name text NOT NULL,
  credit_code     text,
  type            smallint NOT NULL,
  industry        smallint NOT NULL,
  region          text NOT NULL DEFAULT '',
  contact_name    text NOT NULL DEFAULT '',
  contact_phone   text NOT NULL DEFAULT '',
  merged_into_id  bigint REFERENCES enterprises (id),
  version         bigint NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
-- Only records still in use must be unique; merged ones keep their names.
CREATE UNIQUE INDEX enterprises_credit_code_key ON enterprises (credit_code)
  WHERE credit_code IS NOT NULL AND merged_into_id IS NULL;
CREATE UNIQUE INDEX enterprises_normalised_name_key ON enterprises (normalised_name)
  WHERE merged_into_id IS NULL;
CREATE INDEX enterprises_name_trgm ON enterprises USING gin (normalised_name gin_trgm_ops);

CREATE TABLE referrers (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          smallint NOT NULL,
  name          text NOT NULL,
  enterprise_id bigint REFERENCES enterprises (id),
  contact       text NOT NULL DEFAULT '',
  version       bigint NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE activities (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        smallint NOT NULL,
  title       text NOT NULL,
  unit_code   text,
  office_code text,
  leader_code text,
  destination text NOT NULL DEFAULT '',
  start_date  date NOT NULL,
  end_date    date NOT NULL,
  notes       text NOT NULL DEFAULT '',
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((unit_code IS NULL) <> (office_code IS NULL)),
  CHECK (end_date >= start_date)
);
CREATE INDEX activities_start_date ON activities (start_date);

CREATE TABLE activity_enterprises (
  activity_id   bigint NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  enterprise_id bigint NOT NULL REFERENCES enterprises (id),
  PRIMARY KEY (activity_id, enterprise_id)
);
CREATE INDEX activity_enterprises_enterprise ON activity_enterprises (enterprise_id);

CREATE TABLE leads (
  id                            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title                         text NOT NULL,
  enterprise_id                 bigint NOT NULL REFERENCES enterprises (id),
  channel                       smallint NOT NULL,
  industry                      smallint NOT NULL,
  chain_action                  smallint NOT NULL DEFAULT 0,
  estimated_investment_wan_yuan bigint NOT NULL CHECK (estimated_investment_wan_yuan >= 0),
  unit_code                     text,
  office_code                   text,
  follow_up_owner               text NOT NULL DEFAULT '',
  activity_id                   bigint REFERENCES activities (id),
  referrer_id                   bigint REFERENCES referrers (id),
  collected_date                date NOT NULL,
  status                        smallint NOT NULL,
  drop_reason                   text NOT NULL DEFAULT '',
  project_id                    bigint,
  merged_into_id                bigint REFERENCES leads (id),
  description                   text NOT NULL DEFAULT '',
  -- When each time limit was met (NULL while not met).
  responded_at                  timestamptz,
  assessed_at                   timestamptz,
  referrer_feedback_at          timestamptz,
  last_progress_at              timestamptz,
  version                       bigint NOT NULL DEFAULT 1,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  CHECK ((unit_code IS NULL) <> (office_code IS NULL))
);
CREATE INDEX leads_collected_date ON leads (collected_date);
CREATE INDEX leads_enterprise ON leads (enterprise_id);
CREATE INDEX leads_unit ON leads (unit_code, id) WHERE unit_code IS NOT NULL;
CREATE INDEX leads_office ON leads (office_code, id) WHERE office_code IS NOT NULL;
CREATE INDEX leads_referrer ON leads (referrer_id) WHERE referrer_id IS NOT NULL;
-- The same enterprise must not become two open leads by accident
-- (1 = NEW, 2 = FOLLOWING).
CREATE UNIQUE INDEX leads_one_open_per_enterprise ON leads (enterprise_id)
  WHERE status IN (1, 2);

CREATE TABLE follow_ups (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lead_id        bigint NOT NULL REFERENCES leads (id),
  kind           smallint NOT NULL,
  content        text NOT NULL,
  author         text NOT NULL,
  follow_up_date date NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_ups_lead ON follow_ups (lead_id, id);

CREATE TABLE lead_status_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lead_id     bigint NOT NULL REFERENCES leads (id),
  from_status smallint NOT NULL,
  to_status   smallint NOT NULL,
  changed_by  text NOT NULL,
  reason      text NOT NULL DEFAULT '',
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lead_status_history_lead ON lead_status_history (lead_id, id);

-- One row: the time limits in force (a published city rule by default).
CREATE TABLE lead_time_limits (
  singleton               boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  respond_hours           int NOT NULL CHECK (respond_hours > 0),
  assess_hours            int NOT NULL CHECK (assess_hours > 0),
  referrer_feedback_hours int NOT NULL CHECK (referrer_feedback_hours > 0),
  progress_interval_days  int NOT NULL CHECK (progress_interval_days > 0),
  version                 bigint NOT NULL DEFAULT 1
);
INSERT INTO lead_time_limits (respond_hours, assess_hours, referrer_feedback_hours,
                              progress_interval_days)
VALUES (24, 72, 168, 14);

CREATE TABLE merges (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          smallint NOT NULL,
  survivor_id   bigint NOT NULL,
  duplicate_id  bigint NOT NULL,
  reason        text NOT NULL DEFAULT '',
  merged_by     text NOT NULL,
  moved_summary text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

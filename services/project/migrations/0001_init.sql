-- The project service's schema: projects, their transitions (the record every
-- period figure is computed from), ledger, funds in place, enterprise
-- requests and the working-day calendar. Enum columns hold proto numbers.

CREATE TABLE idempotency_keys (
  request_id   text PRIMARY KEY,
  method       text NOT NULL,
  request_hash text NOT NULL,
  response     bytea,
  principal    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE projects (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                      text NOT NULL,
  enterprise_id             bigint NOT NULL,  -- lead service enterprise
  lead_id                   bigint,           -- lead service lead
  lead_conversion_pending   boolean NOT NULL DEFAULT false,
  industry                  smallint NOT NULL,
  chain_action              smallint NOT NULL DEFAULT 0,
  park_code                 text,
  enterprise_type           smallint NOT NULL DEFAULT 0,
  total_investment_wan_yuan bigint NOT NULL CHECK (total_investment_wan_yuan >= 0),
  planned_sign_date         date,
  planned_start_date        date,
  planned_completion_date   date,
  signed_date               date,
  started_date              date,
  completed_date            date,
  unit_code                 text NOT NULL,
  leader_code               text,
  commander_code            text,
  dedicated_person          text NOT NULL DEFAULT '',
  service_team              text NOT NULL DEFAULT '',
  stage                     smallint NOT NULL,
  drop_reason               text NOT NULL DEFAULT '',
  signed_at_activity_id     bigint,
  version                   bigint NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
-- A lead becomes at most one live project.
CREATE UNIQUE INDEX projects_lead_key ON projects (lead_id)
  WHERE lead_id IS NOT NULL AND stage <> 8;
CREATE INDEX projects_stage ON projects (stage, id);
CREATE INDEX projects_pending_conversion ON projects (id) WHERE lead_conversion_pending;

CREATE TABLE transitions (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id          bigint NOT NULL REFERENCES projects (id),
  kind                smallint NOT NULL,
  from_stage          smallint NOT NULL,
  to_stage            smallint NOT NULL,
  effective_date      date NOT NULL,
  investment_wan_yuan bigint NOT NULL,
  increment_wan_yuan  bigint NOT NULL DEFAULT 0,
  activity_id         bigint,
  enterprise_id       bigint,
  reason              text NOT NULL DEFAULT '',
  actor               text NOT NULL,
  recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transitions_period ON transitions (kind, to_stage, effective_date);
CREATE INDEX transitions_project ON transitions (project_id, id);

-- One row per year rolled over, so RollOverYear is idempotent per year.
CREATE TABLE year_rollovers (
  year              int PRIMARY KEY,
  marked_continuing bigint NOT NULL,
  done_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  kind       smallint NOT NULL,
  entry_date date NOT NULL,
  content    text NOT NULL,
  author     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_project ON ledger_entries (project_id, id);

CREATE TABLE funds (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id      bigint NOT NULL REFERENCES projects (id),
  arrival_date    date NOT NULL,
  amount_wan_yuan bigint NOT NULL CHECK (amount_wan_yuan > 0),
  note            text NOT NULL DEFAULT '',
  warning         text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funds_project ON funds (project_id, id);
CREATE INDEX funds_arrival ON funds (arrival_date);

CREATE TABLE enterprise_requests (
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id              bigint NOT NULL REFERENCES projects (id),
  category                text NOT NULL,
  content                 text NOT NULL,
  unit_code               text NOT NULL,
  time_limit_working_days int NOT NULL CHECK (time_limit_working_days > 0),
  raised_date             date NOT NULL,
  due_date                date NOT NULL,
  agency_service          boolean NOT NULL DEFAULT false,
  state                   smallint NOT NULL,
  resolution              text NOT NULL DEFAULT '',
  version                 bigint NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_requests_open ON enterprise_requests (due_date) WHERE state IN (1, 2);

-- The working-day calendar: days off that fall on weekdays, and weekend days
-- that are working days (调休).
CREATE TABLE calendar_days (
  day        date PRIMARY KEY,
  is_holiday boolean NOT NULL  -- false: a working weekend day
);

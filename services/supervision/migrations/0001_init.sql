-- The supervision service's schema: the directory of units, offices and
-- leaders; targets by category; scoring rules; published snapshots; tasks;
-- bulletins; rewards and penalties. Enum columns hold proto numbers.

CREATE TABLE idempotency_keys (
  request_id   text PRIMARY KEY,
  method       text NOT NULL,
  request_hash text NOT NULL,
  response     bytea,
  principal    text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  kind        smallint NOT NULL,
  parent_code text REFERENCES units (code),
  category    text NOT NULL,
  active      boolean NOT NULL DEFAULT true,
  version     bigint NOT NULL DEFAULT 1
);

CREATE TABLE leaders (
  code   text PRIMARY KEY,
  name   text NOT NULL,
  title  text NOT NULL DEFAULT '',
  body   smallint NOT NULL,
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE target_categories (
  code text NOT NULL,
  year int NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (code, year)
);

CREATE TABLE category_targets (
  category     text NOT NULL,
  year         int NOT NULL,
  metric       smallint NOT NULL,
  yearly_value bigint NOT NULL CHECK (yearly_value >= 0),
  PRIMARY KEY (category, year, metric),
  FOREIGN KEY (category, year) REFERENCES target_categories (code, year)
);

CREATE TABLE unit_targets (
  unit_code    text NOT NULL REFERENCES units (code),
  year         int NOT NULL,
  metric       smallint NOT NULL,
  yearly_value bigint NOT NULL CHECK (yearly_value >= 0),
  PRIMARY KEY (unit_code, year, metric)
);

-- The rule table is data: bands, deductions and weights per year, stored as
-- the ScoringRules message.
CREATE TABLE scoring_rules (
  year    int PRIMARY KEY,
  rules   bytea NOT NULL,
  version bigint NOT NULL DEFAULT 1
);

-- Published summaries and rankings: never updated, one per kind and period.
CREATE TABLE snapshots (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         smallint NOT NULL,
  period_start date NOT NULL,
  period_end   date NOT NULL,
  snapshot     bytea NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, period_start)
);

CREATE TABLE tasks (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_code       text NOT NULL REFERENCES units (code),
  title           text NOT NULL,
  required_result text NOT NULL,
  due_date        date NOT NULL,
  state           smallint NOT NULL,
  result          text NOT NULL DEFAULT '',
  completed_date  date,
  version         bigint NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bulletins (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bulletin     bytea NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sanctions (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_code    text NOT NULL REFERENCES units (code),
  kind         smallint NOT NULL,
  reason       text NOT NULL,
  points       double precision NOT NULL CHECK (points >= 0),
  decided_date date NOT NULL
);
CREATE INDEX sanctions_unit_date ON sanctions (unit_code, decided_date);

-- The seeded district (the same codes as common/directory.cc; a test checks).
-- Categories: parks A, towns and sub-districts B, departments C, offices OFFICE.
INSERT INTO units (code, name, kind, category) VALUES
  ('town-ganhechen', '干河陈乡', 1, 'B'),
  ('town-wenshi', '问十乡', 1, 'B'),
  ('town-kongzhongguo', '空冢郭乡', 1, 'B'),
  ('town-daliu', '大刘镇', 1, 'B'),
  ('subdistrict-malujie', '马路街街道', 1, 'B'),
  ('subdistrict-shunhejie', '顺河街街道', 1, 'B'),
  ('subdistrict-laojie', '老街街道', 1, 'B'),
  ('park-logistics', '商贸物流产业园', 2, 'A'),
  ('park-medical', '医疗器械产业园', 2, 'A'),
  ('park-electronic', '电子信息产业园', 2, 'A'),
  ('dept-investment', '区投资促进局', 3, 'C'),
  ('dept-commerce', '区商务局', 3, 'C'),
  ('dept-development', '区发展和改革委员会', 3, 'C'),
  ('dept-industry', '区工业和信息化局', 3, 'C'),
  ('office-yrd', '长三角驻外招商办事处', 4, 'OFFICE'),
  ('office-fujian', '福建驻外招商办事处', 4, 'OFFICE'),
  ('office-chengdu', '成都驻外招商办事处', 4, 'OFFICE');

INSERT INTO leaders (code, name, title, body) VALUES
  ('leader-party-secretary', '区委书记', '区委书记', 1),
  ('leader-district-head', '区长', '区长', 3),
  ('leader-congress-chair', '区人大常委会主任', '区人大常委会主任', 2),
  ('leader-cppcc-chair', '区政协主席', '区政协主席', 4),
  ('leader-deputy-head-1', '常务副区长', '常务副区长', 3),
  ('leader-deputy-head-2', '副区长（分管招商）', '副区长', 3),
  ('leader-deputy-head-3', '副区长（分管工业）', '副区长', 3),
  ('leader-congress-deputy', '区人大常委会副主任', '区人大常委会副主任', 2),
  ('leader-cppcc-deputy', '区政协副主席', '区政协副主席', 4);

-- 2026 defaults per category. Metrics: 1 trips, 2 visits, 3 leads,
-- 4 signed projects, 5 signed investment (万元), 6 started projects,
-- 7 started investment (万元).
INSERT INTO target_categories (code, year, name) VALUES
  ('A', 2026, '园区'), ('B', 2026, '乡镇办'), ('C', 2026, '区直单位'),
  ('OFFICE', 2026, '驻外招商办事处');
INSERT INTO category_targets (category, year, metric, yearly_value) VALUES
  ('A', 2026, 1, 12), ('A', 2026, 2, 16), ('A', 2026, 3, 10), ('A', 2026, 4, 3),
  ('A', 2026, 5, 100000), ('A', 2026, 6, 4), ('A', 2026, 7, 100000),
  ('B', 2026, 1, 6), ('B', 2026, 2, 8), ('B', 2026, 3, 6), ('B', 2026, 4, 2),
  ('B', 2026, 5, 50000), ('B', 2026, 6, 2), ('B', 2026, 7, 50000),
  ('C', 2026, 1, 4), ('C', 2026, 2, 6), ('C', 2026, 3, 4), ('C', 2026, 4, 1),
  ('C', 2026, 5, 20000), ('C', 2026, 6, 1), ('C', 2026, 7, 20000),
  ('OFFICE', 2026, 1, 10), ('OFFICE', 2026, 2, 10), ('OFFICE', 2026, 3, 12);

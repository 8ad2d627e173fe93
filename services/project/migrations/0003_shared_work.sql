-- The unit or remote office that collected the lead a project was made from
-- (ConvertLeadToProject): it may read the project and add progress to its
-- ledger. Projects converted before this column existed have none.
ALTER TABLE projects ADD COLUMN collected_by text;
CREATE INDEX projects_collected_by ON projects (collected_by) WHERE collected_by IS NOT NULL;

-- A project handed from one responsible unit to another (HandOverProject,
-- bureau staff only): the move UpdateProject may not make.
CREATE TABLE project_handovers (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id     bigint NOT NULL REFERENCES projects (id),
  from_unit_code text NOT NULL,
  to_unit_code   text NOT NULL,
  reason         text NOT NULL,
  actor          text NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_handovers_project ON project_handovers (project_id);

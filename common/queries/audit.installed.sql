-- Whether the database owner installed the audit schema.
SELECT to_regnamespace('audit') IS NOT NULL AS installed

-- A unit's version, locked. $1 code.
SELECT version FROM units WHERE code = $1 FOR UPDATE

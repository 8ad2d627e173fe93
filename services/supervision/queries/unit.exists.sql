-- One row when unit $1 is in the directory.
SELECT 1 FROM units WHERE code = $1

-- Category $1 of year $2 is named $3.
INSERT INTO target_categories (code, year, name) VALUES ($1, $2, $3)
ON CONFLICT (code, year) DO UPDATE SET name = EXCLUDED.name

-- Records year $1's rollover: $2 projects marked continuing.
INSERT INTO year_rollovers (year, marked_continuing) VALUES ($1, $2)
ON CONFLICT (year) DO UPDATE SET marked_continuing = EXCLUDED.marked_continuing

-- Before a rebuild: writers (whose triggers insert deltas) and folds wait
-- until the rebuilt cells have replaced the old ones; a second rebuild waits
-- for the first.
LOCK TABLE report_deltas IN SHARE ROW EXCLUSIVE MODE

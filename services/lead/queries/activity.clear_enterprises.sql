-- Activity $1 met no enterprise (before its list is written again).
DELETE FROM activity_enterprises WHERE activity_id = $1

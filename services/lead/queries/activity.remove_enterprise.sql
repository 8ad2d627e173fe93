-- Enterprise $1 no longer takes part in any activity.
DELETE FROM activity_enterprises WHERE enterprise_id = $1

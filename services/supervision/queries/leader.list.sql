-- Every leader.
SELECT code, name, title, body, active FROM leaders ORDER BY code

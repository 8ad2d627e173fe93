-- Each unit's penalty and reward points decided from $1 to $2.
SELECT unit_code,
       COALESCE(sum(points) FILTER (WHERE kind = {{zhaoshang.supervision.v1.Sanction.KIND_PENALTY}}), 0) AS penalty,
       COALESCE(sum(points) FILTER (WHERE kind = {{zhaoshang.supervision.v1.Sanction.KIND_REWARD}}), 0) AS reward
FROM sanctions
WHERE decided_date BETWEEN $1::date AND $2::date
GROUP BY unit_code

-- Project $1's total investment is now $2 万元.
UPDATE projects SET total_investment_wan_yuan = $2, version = version + 1, updated_at = now()
WHERE id = $1

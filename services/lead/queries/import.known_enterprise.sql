-- The enterprise in use an import row means: the same credit code first,
-- else the same name key, or the same core where one of the names gives no
-- region. $1 credit_code (NULL: none), $2 name key, $3 name core,
-- $4 name region.
SELECT id
FROM enterprises
WHERE merged_into_id IS NULL
  AND (credit_code = $1 OR normalised_name = $2
       OR (name_core = $3 AND (name_region = '' OR $4 = '')))
ORDER BY (credit_code = $1) DESC NULLS LAST, id
LIMIT 1

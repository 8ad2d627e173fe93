-- Enterprises in use whose names' cores are like core $1: similarity at
-- least $2, the most similar first.
SELECT id, name, bigram_similarity(name_bigrams, bigrams_of($1)) AS similarity
FROM enterprises
WHERE merged_into_id IS NULL AND name_bigrams && bigrams_of($1)
  AND bigram_similarity(name_bigrams, bigrams_of($1)) >= $2
ORDER BY similarity DESC, id
LIMIT 5

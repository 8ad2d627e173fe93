-- Pairs of enterprises in use that are likely one: sharing a name key
-- first, then by the bigram similarity of their names' cores (`&&` finds
-- candidates through the bigram index); a.id < b.id lists each pair once.
-- $1 pairs at most, $2 the least similarity.
SELECT a.id AS first_id, b.id AS second_id,
       CASE WHEN a.normalised_name = b.normalised_name THEN 1.0
            ELSE bigram_similarity(a.name_bigrams, b.name_bigrams) END AS similarity,
       a.normalised_name = b.normalised_name AS same_key
FROM enterprises a
JOIN enterprises b
  ON a.id < b.id AND (a.normalised_name = b.normalised_name OR a.name_bigrams && b.name_bigrams)
WHERE a.merged_into_id IS NULL AND b.merged_into_id IS NULL
  AND (a.normalised_name = b.normalised_name
       OR bigram_similarity(a.name_bigrams, b.name_bigrams) >= $2)
ORDER BY same_key DESC, similarity DESC, a.id, b.id
LIMIT $1

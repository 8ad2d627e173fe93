-- Enterprise identity by the ICU normaliser (common/enterprise_name.h): the
-- key is core@region (or the core alone), the core's character bigrams feed
-- the similarity of names without spaces (pg_trgm's word trigrams scored
-- 上海X商贸 against X商贸 at 0.23–0.45).
--
-- Keys made by an older normaliser are made again by the lead service at
-- start (services/lead/enterprise_keys.cc): rows added before this
-- migration get name_key_version 0; rows written from now on say which
-- version keyed them (the default is for rows written by hand, such as the
-- benchmark's, which give their own keys).
ALTER TABLE enterprises
  ADD COLUMN name_key_version smallint NOT NULL DEFAULT 0,
  -- Set on a record found, when re-keyed, to have the same key as an older
  -- record still in use: it stays listed (FindDuplicateEnterprises shows
  -- the pair as SAME_NORMALISED_NAME) until someone merges the two.
  ADD COLUMN double_of_id bigint REFERENCES enterprises (id);
ALTER TABLE enterprises ALTER COLUMN name_key_version SET DEFAULT 2;

-- The distinct two-character pieces of a core (the whole core when it is a
-- single character).
CREATE FUNCTION bigrams_of(core text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN ARRAY(SELECT DISTINCT substr(core, i, 2)
             FROM generate_series(1, greatest(length(core) - 1, 1)) AS i);

-- Jaccard similarity of two bigram sets: shared / all, 0..1.
CREATE FUNCTION bigram_similarity(a text[], b text[]) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$
  SELECT CASE WHEN cardinality(a) + cardinality(b) = 0 THEN 0
              ELSE shared::double precision / (cardinality(a) + cardinality(b) - shared) END
  FROM (SELECT count(*) AS shared FROM (SELECT unnest(a) INTERSECT SELECT unnest(b)) s) c
$$;

-- The key's parts, kept beside it so they are indexed and compared in SQL.
ALTER TABLE enterprises
  ADD COLUMN name_core text GENERATED ALWAYS AS (split_part(normalised_name, '@', 1)) STORED,
  ADD COLUMN name_region text GENERATED ALWAYS AS (split_part(normalised_name, '@', 2)) STORED,
  ADD COLUMN name_bigrams text[]
    GENERATED ALWAYS AS (bigrams_of(split_part(normalised_name, '@', 1))) STORED;
CREATE INDEX enterprises_name_bigrams ON enterprises USING gin (name_bigrams);
CREATE INDEX enterprises_name_core ON enterprises (name_core);
DROP INDEX enterprises_name_trgm;
DROP INDEX enterprises_normalised_name_key;
CREATE UNIQUE INDEX enterprises_normalised_name_key ON enterprises (normalised_name)
  WHERE merged_into_id IS NULL AND double_of_id IS NULL;

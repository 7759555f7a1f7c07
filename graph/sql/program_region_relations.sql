-- Which regions' plans fund and which cover a program: one row per region and relation, no
-- quotes (as cypher/program_region_relations.cypher); read from relationships and the region
-- ancestry alone, no node.
-- Parameters: :program_id, :level, :include_subregions
-- Returns: region_code, relation
SELECT json_object('region_code', region_code, 'relation', relation)
FROM (
  SELECT DISTINCT up.ancestor_code AS region_code, rel.type AS relation
  FROM edge AS rel
  JOIN edge AS issued ON issued.target = rel.source AND issued.type = 'ISSUED'
  JOIN region_ancestor AS up ON up.region_id = issued.source
  WHERE rel.target = :program_id AND rel.type IN ('FUNDS', 'COVERS')
    AND ((:level IS NULL AND up.ancestor_id = issued.source)
         OR (up.ancestor_level = :level AND (up.ancestor_id = issued.source OR :include_subregions)))
)
ORDER BY region_code, relation

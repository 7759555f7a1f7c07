-- Which regions' plans set a target for an indicator and which only mention it: one row per
-- region and relation, no quotes (as cypher/indicator_region_relations.cypher).
-- Parameters: :indicator_id
-- Returns: region_code, relation
SELECT json_object('region_code', region_code, 'relation', relation)
FROM (
  SELECT region.props ->> '$.code' AS region_code, 'SETS_TARGET' AS relation
  FROM edge AS target
  JOIN edge AS issued ON issued.target = target.source AND issued.type = 'ISSUED'
  JOIN node AS region ON region.id = issued.source
  WHERE target.target = :indicator_id AND target.type = 'SETS_TARGET'
  UNION
  SELECT region.props ->> '$.code', 'MENTIONS'
  FROM edge AS mention
  JOIN node AS clause ON clause.id = mention.source
  JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
  JOIN node AS region ON region.id = issued.source
  WHERE mention.target = :indicator_id AND mention.type = 'MENTIONS'
)
ORDER BY region_code, relation

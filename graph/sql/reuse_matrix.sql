-- The region × region reuse counts (as cypher/reuse_matrix.cypher).
-- Parameters: :region_codes
-- Returns: region_code, region_name, other_region_code, other_region_name, reused
WITH member AS (
  SELECT clause.id, clause.props ->> '$.reuse_family' AS family,
         clause.props ->> '$.statement' AS statement, region.props ->> '$.code' AS code,
         region.props ->> '$.name' AS name
  FROM node AS clause
  JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
  JOIN node AS region ON region.id = issued.source
  WHERE clause.label = 'Clause' AND clause.props ->> '$.reuse_family' IS NOT NULL
    AND (:region_codes IS NULL
         OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
)
SELECT json_object(
  'region_code', member.code, 'region_name', member.name, 'other_region_code', other.code,
  'other_region_name', other.name, 'reused', count(DISTINCT member.id)
)
FROM member
JOIN member AS other ON other.family = member.family AND other.code <> member.code
WHERE member.statement
GROUP BY member.code, other.code
ORDER BY member.code, other.code

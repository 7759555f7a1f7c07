-- What each region's plans address — programs and target groups with their mention counts (as
-- cypher/region_coverage.cypher). :region_codes (a JSON list) and :plan_id (null for all) filter.
-- Parameters: :region_codes, :plan_id
-- Returns: region_code, label, entity_id, name, mentions
SELECT json_object(
  'region_code', region.props ->> '$.code', 'label', entity.label, 'entity_id', entity.id,
  'name', entity.props ->> '$.name', 'mentions', cell.mentions
)
FROM (
  SELECT issued.source AS region_id, covers.target AS entity_id,
         sum(covers.props ->> '$.mentions') AS mentions
  FROM node AS region
  CROSS JOIN edge AS issued ON issued.source = region.id AND issued.type = 'ISSUED'
  CROSS JOIN edge AS covers ON covers.source = issued.target AND covers.type = 'COVERS'
  WHERE region.label = 'Region'
    AND (:region_codes IS NULL OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
    AND (:plan_id IS NULL OR issued.target = :plan_id)
  GROUP BY issued.source, covers.target
) AS cell
JOIN node AS region ON region.id = cell.region_id
JOIN node AS entity ON entity.id = cell.entity_id
ORDER BY region.props ->> '$.code', entity.label, entity.id

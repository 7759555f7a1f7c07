-- The ids of a region's part of the graph, for export (as cypher/region_scope.cypher): the plans
-- of the region and its sub-regions, their sections and clauses, every entity and document they
-- touch, and the regions from the issuers up to the country.
-- Parameters: :region_code
-- Returns: id
WITH plan (id, issuer_id) AS (
  SELECT issued.target, issued.source
  FROM node AS region
  JOIN region_ancestor AS below ON below.ancestor_id = region.id
  JOIN edge AS issued ON issued.source = below.region_id AND issued.type = 'ISSUED'
  WHERE region.label = 'Region' AND region.props ->> '$.code' = :region_code
)
SELECT json_object('id', id)
FROM (
  SELECT id FROM plan
  UNION
  SELECT own.id FROM plan JOIN node AS own ON own.plan_id = plan.id
  UNION
  SELECT touched.target FROM plan JOIN edge AS touched ON touched.plan_id = plan.id
  WHERE touched.type IN ('MENTIONS', 'COVERS', 'FUNDS', 'SETS_TARGET', 'CITES')
  UNION
  SELECT up.ancestor_id FROM plan JOIN region_ancestor AS up ON up.region_id = plan.issuer_id
)
ORDER BY id

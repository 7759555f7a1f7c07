-- The clauses behind a COVERS or FUNDS with their policy instrument (as
-- cypher/instrument_clauses.cypher).
-- Parameters: :region_codes, :policy_instrument
-- Returns: region_code, region_name, plan_id, clause_id, section_path, text, locator,
--          policy_instrument, policy_instrument_type, funds, about
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'plan_id', clause.plan_id, 'clause_id', clause.id,
  'section_path', section.props ->> '$.path', 'text', clause.props ->> '$.text',
  'locator', clause.props ->> '$.locator',
  'policy_instrument', clause.props ->> '$.policy_instrument',
  'policy_instrument_type', clause.props ->> '$.policy_instrument_type',
  'funds', json(CASE WHEN EXISTS (
    SELECT 1 FROM edge AS funds
    WHERE funds.source = clause.plan_id AND funds.type = 'FUNDS'
      AND funds.props ->> '$.clause_id' = clause.id
  ) THEN 'true' ELSE 'false' END),
  'about', json((
    SELECT json_group_array(name) FROM (
      SELECT entity.props ->> '$.name' AS name
      FROM edge AS mention JOIN node AS entity ON entity.id = mention.target
      WHERE mention.source = clause.id AND mention.type = 'MENTIONS'
        AND entity.label IN ('Program', 'TargetGroup')
      UNION
      SELECT entity.props ->> '$.name'
      FROM edge AS funds JOIN node AS entity ON entity.id = funds.target
      WHERE funds.source = clause.plan_id AND funds.type = 'FUNDS'
        AND funds.props ->> '$.clause_id' = clause.id
      ORDER BY name
    )
  ))
)
FROM node AS clause
JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
WHERE clause.label = 'Clause' AND clause.props ->> '$.policy_instrument' IS NOT NULL
  AND (:policy_instrument IS NULL OR clause.props ->> '$.policy_instrument' = :policy_instrument)
  AND (:region_codes IS NULL
       OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
ORDER BY region.props ->> '$.code', clause.plan_id, clause.props ->> '$.ordinal'

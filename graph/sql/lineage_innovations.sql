-- A plan's local innovations: programs it covers and indicators it sets targets for that none of
-- its parent plans covers or sets a target for, nor names in a clause, with the clauses that name
-- them (as cypher/lineage_innovations.cypher).
-- Parameters: :plan_id
-- Returns: plan_id, entity_id, entity_name, entity_label, relation, clause_id, section_path,
--          text, lineage
WITH plan AS (
  SELECT id, props -> '$.lineage_parents' AS parents
  FROM node WHERE id = :plan_id AND props ->> '$.lineage_parents' IS NOT NULL
),
novel AS (
  SELECT DISTINCT fact.type, fact.target AS entity_id, clause_id.value AS clause_id
  FROM plan
  JOIN edge AS fact ON fact.source = plan.id AND fact.type IN ('COVERS', 'SETS_TARGET')
  JOIN node AS entity ON entity.id = fact.target AND entity.label IN ('Program', 'Indicator')
  JOIN json_each(
    CASE fact.type WHEN 'COVERS' THEN fact.props -> '$.clause_ids'
    ELSE json_array(fact.props ->> '$.clause_id') END
  ) AS clause_id
  WHERE NOT EXISTS (
    SELECT 1 FROM edge AS theirs
    WHERE theirs.target = fact.target AND theirs.type IN ('COVERS', 'SETS_TARGET')
      AND theirs.source IN (SELECT value FROM json_each(plan.parents))
  ) AND NOT EXISTS (
    SELECT 1 FROM node AS theirs
    WHERE theirs.label = 'Clause' AND theirs.plan_id IN (SELECT value FROM json_each(plan.parents))
      AND instr(theirs.props ->> '$.text', entity.props ->> '$.name') > 0
  )
)
SELECT json_object(
  'plan_id', clause.plan_id, 'entity_id', entity.id, 'entity_name', entity.props ->> '$.name',
  'entity_label', entity.label, 'relation', lower(novel.type), 'clause_id', clause.id,
  'section_path', section.props ->> '$.path', 'text', clause.props ->> '$.text',
  'lineage', clause.props ->> '$.lineage'
)
FROM novel
JOIN node AS entity ON entity.id = novel.entity_id
JOIN node AS clause ON clause.id = novel.clause_id
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
ORDER BY entity.label DESC, entity.id, clause.props ->> '$.ordinal'

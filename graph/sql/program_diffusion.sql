-- How a program spread: the plans covering it, by issue date, level and region, with the first
-- clause on it (its first statement naming it; of a plan that funds it, its first funding clause)
-- and the clauses on it, of other plans, that its own clauses on it follow (as
-- cypher/program_diffusion.cypher).
-- Parameters: :program_id
-- Returns: region_code, region_name, level, plan_id, plan_title, issued_on, period_start,
--          relation, clause_id, section_path, text, locator, antecedents
WITH covering AS (
  SELECT covers.source AS plan_id, covers.props -> '$.clause_ids' AS clause_ids,
    (SELECT funding.id FROM edge AS funds
     JOIN node AS funding ON funding.id = funds.props ->> '$.clause_id'
     WHERE funds.source = covers.source AND funds.type = 'FUNDS' AND funds.target = :program_id
     ORDER BY funding.props ->> '$.ordinal' LIMIT 1) AS funding_id,
    (SELECT stated.id FROM json_each(covers.props -> '$.clause_ids') AS clause_id
     JOIN node AS stated ON stated.id = clause_id.value
     WHERE stated.props ->> '$.statement'
     ORDER BY stated.props ->> '$.ordinal' LIMIT 1) AS stated_id
  FROM edge AS covers WHERE covers.target = :program_id AND covers.type = 'COVERS'
),
antecedent AS (
  SELECT covering.plan_id, json_object(
    'clause_id', own.id, 'section_path', own_section.props ->> '$.path',
    'text', own.props ->> '$.text',
    'relation', CASE link.type WHEN 'REUSES' THEN 'reuse' ELSE link.props ->> '$.lineage' END,
    'score', link.props -> '$.score',
    'other_region_code', other_region.props ->> '$.code',
    'other_region_name', other_region.props ->> '$.name',
    'other_plan_id', other.plan_id, 'other_clause_id', other.id,
    'other_section_path', other_section.props ->> '$.path',
    'other_text', other.props ->> '$.text'
  ) AS item,
  own.props ->> '$.ordinal' AS ordinal, link.type, coalesce(link.props ->> '$.rank', 0) AS rank,
  other.id AS other_id
  FROM covering
  JOIN json_each(covering.clause_ids) AS clause_id
  JOIN node AS own ON own.id = clause_id.value
  JOIN node AS own_section ON own_section.id = own.props ->> '$.section_id'
  JOIN edge AS link ON link.source = own.id AND link.type IN ('ECHOES', 'REUSES')
  JOIN node AS other ON other.id = link.target
  JOIN edge AS other_issued ON other_issued.target = other.plan_id AND other_issued.type = 'ISSUED'
  JOIN node AS other_region ON other_region.id = other_issued.source
  JOIN node AS other_section ON other_section.id = other.props ->> '$.section_id'
  WHERE EXISTS (
    SELECT 1 FROM edge AS mention
    WHERE mention.source = other.id AND mention.type = 'MENTIONS' AND mention.target = :program_id
  )
)
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'level', region.props ->> '$.level', 'plan_id', plan.id,
  'plan_title', plan.props ->> '$.title', 'issued_on', plan.props ->> '$.issued_on',
  'period_start', plan.props -> '$.period_start',
  'relation', CASE WHEN covering.funding_id IS NULL THEN 'covers' ELSE 'funds' END,
  'clause_id', clause.id, 'section_path', section.props ->> '$.path',
  'text', clause.props ->> '$.text', 'locator', clause.props ->> '$.locator',
  'antecedents', (SELECT json_group_array(json(item)) FROM (
    SELECT item FROM antecedent WHERE antecedent.plan_id = plan.id
    ORDER BY ordinal, type, rank, other_id))
)
FROM covering
JOIN node AS plan ON plan.id = covering.plan_id
JOIN edge AS issued ON issued.target = plan.id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN node AS clause
  ON clause.id = coalesce(covering.funding_id, covering.stated_id, covering.clause_ids ->> '$[0]')
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
ORDER BY coalesce(plan.props ->> '$.issued_on', '9999'),
         CASE region.props ->> '$.level' WHEN 'country' THEN 0 WHEN 'province' THEN 1
           WHEN 'prefecture' THEN 2 ELSE 3 END,
         region.props ->> '$.code', plan.id

-- How a program spread: the plans covering it, by issue date, level and region, with the first
-- clause on it and the plans they echo or reuse on it (as cypher/program_diffusion.cypher).
-- Parameters: :program_id
-- Returns: region_code, region_name, level, plan_id, plan_title, issued_on, period_start,
--          relation, clause_id, section_path, text, locator, echoes, reuses
WITH covering AS (
  SELECT covers.source AS plan_id, covers.props -> '$.clause_ids' AS clause_ids
  FROM edge AS covers WHERE covers.target = :program_id AND covers.type = 'COVERS'
),
linked AS (
  SELECT covering.plan_id, link.type, other.plan_id AS other_plan
  FROM covering
  JOIN json_each(covering.clause_ids) AS clause_id
  JOIN edge AS link ON link.source = clause_id.value AND link.type IN ('ECHOES', 'REUSES')
  JOIN node AS other ON other.id = link.target
  WHERE EXISTS (
    SELECT 1 FROM edge AS mention
    WHERE mention.source = other.id AND mention.type = 'MENTIONS' AND mention.target = :program_id
  )
  GROUP BY covering.plan_id, link.type, other.plan_id
)
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'level', region.props ->> '$.level', 'plan_id', plan.id,
  'plan_title', plan.props ->> '$.title', 'issued_on', plan.props ->> '$.issued_on',
  'period_start', plan.props -> '$.period_start',
  'relation', CASE WHEN EXISTS (
    SELECT 1 FROM edge AS funds
    WHERE funds.source = plan.id AND funds.type = 'FUNDS' AND funds.target = :program_id
  ) THEN 'funds' ELSE 'covers' END,
  'clause_id', clause.id, 'section_path', section.props ->> '$.path',
  'text', clause.props ->> '$.text', 'locator', clause.props ->> '$.locator',
  'echoes', (SELECT json_group_array(other_plan) FROM (
    SELECT other_plan FROM linked WHERE linked.plan_id = plan.id AND linked.type = 'ECHOES'
    ORDER BY other_plan)),
  'reuses', (SELECT json_group_array(other_plan) FROM (
    SELECT other_plan FROM linked WHERE linked.plan_id = plan.id AND linked.type = 'REUSES'
    ORDER BY other_plan))
)
FROM covering
JOIN node AS plan ON plan.id = covering.plan_id
JOIN edge AS issued ON issued.target = plan.id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN node AS clause ON clause.id = covering.clause_ids ->> '$[0]'
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
ORDER BY coalesce(plan.props ->> '$.issued_on', '9999'),
         CASE region.props ->> '$.level' WHEN 'country' THEN 0 WHEN 'province' THEN 1
           WHEN 'prefecture' THEN 2 ELSE 3 END,
         region.props ->> '$.code', plan.id

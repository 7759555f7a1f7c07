-- Programs that plans direct at target groups (SERVES), region by region, with evidence (as
-- cypher/programs_for_group.cypher). :group_id, :region_code and :plan_id (null for all) filter.
-- Parameters: :group_id, :region_code, :plan_id
-- Returns: region_code, region_name, plan_id, program_id, program_name, program_kind, clause_id,
--          evidence, group_id, group_name, plan_title, locator, plan_source_url
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'plan_id', plan.id, 'program_id', program.id, 'program_name', program.props ->> '$.name',
  'program_kind', program.props ->> '$.kind', 'clause_id', serves.props ->> '$.clause_id',
  'evidence', serves.props ->> '$.evidence', 'group_id', target_group.id,
  'group_name', target_group.props ->> '$.name', 'plan_title', plan.props ->> '$.title',
  'locator', clause.props ->> '$.locator', 'plan_source_url', plan.props ->> '$.source_url'
)
FROM edge AS serves
JOIN node AS program ON program.id = serves.source
JOIN node AS target_group ON target_group.id = serves.target
JOIN node AS plan ON plan.id = serves.plan_id
JOIN edge AS issued ON issued.target = plan.id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN node AS clause ON clause.id = serves.props ->> '$.clause_id'
WHERE serves.type = 'SERVES'
  AND (:group_id IS NULL OR serves.target = :group_id)
  AND (:plan_id IS NULL OR serves.plan_id = :plan_id)
  AND (:region_code IS NULL OR region.props ->> '$.code' = :region_code)
ORDER BY region.props ->> '$.code', program.id, plan.id, clause.props ->> '$.ordinal', target_group.id

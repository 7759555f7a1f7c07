// Programs that plans direct at target groups (SERVES), region by region, with evidence.
// $group_id (null for all groups) picks the group; $region_code and $plan_id (null for all)
// keep the plans that region issued, or one plan.
// Parameters: $group_id, $region_code, $plan_id
// Returns: region_code, region_name, plan_id, program_id, program_name, program_kind, clause_id,
//          evidence, group_id, group_name, plan_title, locator, plan_source_url
MATCH (program:Program)-[serves:SERVES]->(group:TargetGroup)
WHERE ($group_id IS NULL OR group.id = $group_id) AND ($plan_id IS NULL OR serves.plan_id = $plan_id)
MATCH (region:Region)-[:ISSUED]->(plan:Plan {id: serves.plan_id})
WHERE $region_code IS NULL OR region.code = $region_code
MATCH (clause:Clause {id: serves.clause_id})
RETURN region.code AS region_code, region.name AS region_name, plan.id AS plan_id,
       program.id AS program_id, program.name AS program_name, program.kind AS program_kind,
       serves.clause_id AS clause_id, serves.evidence AS evidence, group.id AS group_id,
       group.name AS group_name, plan.title AS plan_title, clause.locator AS locator,
       plan.source_url AS plan_source_url
ORDER BY region_code, program_id, plan_id, clause.ordinal, group_id

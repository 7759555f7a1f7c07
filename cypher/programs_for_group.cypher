// Programs that plans direct at a target group (SERVES), region by region, with evidence.
// $region_code (null for all) keeps the plans that region issued.
// Parameters: $group_id, $region_code
// Returns: region_code, region_name, plan_id, program_id, program_name, program_kind, clause_id, evidence
MATCH (program:Program)-[serves:SERVES]->(:TargetGroup {id: $group_id})
MATCH (region:Region)-[:ISSUED]->(plan:Plan {id: serves.plan_id})
WHERE $region_code IS NULL OR region.code = $region_code
MATCH (clause:Clause {id: serves.clause_id})
RETURN region.code AS region_code, region.name AS region_name, plan.id AS plan_id,
       program.id AS program_id, program.name AS program_name, program.kind AS program_kind,
       serves.clause_id AS clause_id, serves.evidence AS evidence
ORDER BY region_code, program_id, plan_id, clause.ordinal

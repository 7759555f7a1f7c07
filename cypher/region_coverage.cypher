// What each region's plans address — programs and target groups with their mention counts —
// the material for comparing regions (shared, only in one). $region_codes (a list, or null for
// all) and $plan_id (null for all) keep those regions' plans, or one plan.
// Parameters: $region_codes, $plan_id
// Returns: region_code, label, entity_id, name, mentions
MATCH (region:Region)-[:ISSUED]->(plan:Plan)-[covers:COVERS]->(entity)
WHERE ($region_codes IS NULL OR region.code IN $region_codes) AND ($plan_id IS NULL OR plan.id = $plan_id)
RETURN region.code AS region_code, labels(entity)[0] AS label, entity.id AS entity_id,
       entity.name AS name, sum(covers.mentions) AS mentions
ORDER BY region_code, label, entity_id

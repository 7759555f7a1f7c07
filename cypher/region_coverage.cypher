// What each region's plans address — programs and target groups with their mention counts —
// the material for comparing regions (shared, only in one).
// Parameters: $region_codes
// Returns: region_code, label, entity_id, name, mentions
MATCH (region:Region)-[:ISSUED]->(:Plan)-[covers:COVERS]->(entity)
WHERE region.code IN $region_codes
RETURN region.code AS region_code, labels(entity)[0] AS label, entity.id AS entity_id,
       entity.name AS name, sum(covers.mentions) AS mentions
ORDER BY region_code, label, entity_id

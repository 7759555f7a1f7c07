// Which regions' plans fund and which cover a program: one row per region and relation, no
// quotes (what /programs/{name}/regions needs to tell funds, covers and silent apart). $level and
// $include_subregions as in regions_for_program.
// Parameters: $program_id, $level, $include_subregions
// Returns: region_code, relation
MATCH (issuer:Region)-[:ISSUED]->(:Plan)-[rel:FUNDS|COVERS]->(:Program {id: $program_id})
MATCH (issuer)-[:PART_OF*0..]->(region:Region)
WHERE ($level IS NULL AND region = issuer)
   OR (region.level = $level AND (region = issuer OR $include_subregions))
RETURN DISTINCT region.code AS region_code, type(rel) AS relation
ORDER BY region_code, relation

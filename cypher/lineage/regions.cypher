// Each region's parent, for finding a plan's parent plans (as graph/sql/lineage/regions.sql).
// Parameters: none
// Returns: code, parent_code
MATCH (child:Region)-[:PART_OF]->(parent:Region)
RETURN DISTINCT child.code AS code, parent.code AS parent_code

// The regions in the graph as a tree: code, names, level, parent, and how many plans each issued.
// Parameters: none
// Returns: code, name, short_name, level, parent_code, plans
MATCH (region:Region)
OPTIONAL MATCH (region)-[:PART_OF]->(parent:Region)
OPTIONAL MATCH (region)-[:ISSUED]->(plan:Plan)
RETURN region.code AS code, region.name AS name, region.short_name AS short_name,
       region.level AS level, parent.code AS parent_code, count(plan) AS plans
ORDER BY code

// Relationships for export between nodes of $ids (null for all); a SERVES link belongs to the
// plan that states it, so it comes only with that plan.
// Parameters: $ids
// Returns: source, target, type, properties
MATCH (source)-[rel]->(target)
WHERE $ids IS NULL
   OR (source.id IN $ids AND target.id IN $ids AND (type(rel) <> 'SERVES' OR rel.plan_id IN $ids))
RETURN source.id AS source, target.id AS target, type(rel) AS type, properties(rel) AS properties
ORDER BY source, type, rel.key, target

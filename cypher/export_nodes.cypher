// Nodes for export, with their labels and properties; $ids (null for all) keeps those nodes. The
// store's own GraphInfo node is not exported.
// Parameters: $ids
// Returns: id, labels, properties
MATCH (node)
WHERE NOT node:GraphInfo AND ($ids IS NULL OR node.id IN $ids)
RETURN node.id AS id, labels(node) AS labels, properties(node) AS properties
ORDER BY id

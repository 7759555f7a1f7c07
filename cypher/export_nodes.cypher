// Nodes for export, with their labels and properties; $ids (null for all) keeps those nodes.
// Parameters: $ids
// Returns: id, labels, properties
MATCH (node)
WHERE $ids IS NULL OR node.id IN $ids
RETURN node.id AS id, labels(node) AS labels, properties(node) AS properties
ORDER BY id

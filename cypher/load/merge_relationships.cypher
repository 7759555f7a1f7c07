// Merge a batch of relationships of one type between nodes of two labels. %type%, %source_label%
// and %target_label% come from the schema's allow-list (graph/schema.py), never from input.
// `key` identifies a relationship across reloads, as the in-memory graph's edge key does.
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (source:%source_label% {id: row.source})
MATCH (target:%target_label% {id: row.target})
MERGE (source)-[rel:%type% {key: row.key}]->(target)
SET rel = row.properties, rel.key = row.key

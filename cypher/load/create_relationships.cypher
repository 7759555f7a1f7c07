// Create a batch of a new plan's relationships of one type between nodes of two labels: every
// relationship but PART_OF starts or ends at a node of the plan (or, for SERVES, is keyed by its
// clause), so none can exist yet. %type%, %source_label% and %target_label% come from the
// schema's allow-list (graph/schema.py), never from input.
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (source:%source_label% {id: row.source})
MATCH (target:%target_label% {id: row.target})
CREATE (source)-[rel:%type%]->(target)
SET rel = row.properties, rel.key = row.key

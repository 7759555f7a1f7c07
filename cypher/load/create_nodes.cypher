// Create a batch of a new plan's own nodes (the plan, its sections and clauses) of one label:
// they cannot exist yet, so no lookup is needed; the uniqueness constraint still guards the id.
// %label% is filled from the schema's allow-list (graph/schema.py), never from input.
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
CREATE (node:%label% {id: row.id})
SET node += row.properties

// Merge a batch of nodes of one label. %label% is filled from the schema's allow-list of labels
// (graph/schema.py), never from input. Shared nodes (regions, programs …) keep properties set by
// other plans; a plan's own nodes are new in the transaction that writes them.
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MERGE (node:%label% {id: row.id})
SET node += row.properties

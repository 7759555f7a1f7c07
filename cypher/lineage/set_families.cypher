// Clauses' families of near-same clauses across regions: the id of each one's root, the
// family's earliest clause (as graph/sql/lineage/set_family.sql).
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (clause:Clause {id: row.id})
SET clause.reuse_family = row.family

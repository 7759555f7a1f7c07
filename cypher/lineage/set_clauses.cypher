// Clauses' lineage: each one's label (echo, elaboration, local) and the share of it its
// counterparts cover (as graph/sql/lineage/set_clause.sql).
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (clause:Clause {id: row.id})
SET clause.lineage = row.label, clause.lineage_score = row.score

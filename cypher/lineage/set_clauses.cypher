// Clauses' lineage: each one's label (echo, elaboration, local), the share of it its
// counterparts cover, and a local clause's nearest parent clause (as
// graph/sql/lineage/set_clause.sql).
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (clause:Clause {id: row.id})
SET clause.lineage = row.label, clause.lineage_score = row.score,
    clause.lineage_nearest = row.nearest

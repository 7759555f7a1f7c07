// The statement clauses of every plan, in document order, with the family of near-same clauses
// each is in now, for lineage (as graph/sql/lineage/clauses.sql).
// Parameters: none
// Returns: plan_id, clause_id, text, section_id, reuse_family
MATCH (clause:Clause)
WHERE clause.statement
RETURN clause.plan_id AS plan_id, clause.id AS clause_id, clause.text AS text,
       clause.section_id AS section_id, clause.reuse_family AS reuse_family
ORDER BY plan_id, clause.ordinal

// The statement clauses of the plans $plan_ids, in document order, with the family of near-same
// clauses each is in now, for lineage (as graph/sql/lineage/clauses.sql, which reads every
// plan's).
// Parameters: $plan_ids
// Returns: plan_id, clause_id, text, section_id, reuse_family
MATCH (clause:Clause)
WHERE clause.plan_id IN $plan_ids AND clause.statement
RETURN clause.plan_id AS plan_id, clause.id AS clause_id, clause.text AS text,
       clause.section_id AS section_id, clause.reuse_family AS reuse_family
ORDER BY plan_id, clause.ordinal

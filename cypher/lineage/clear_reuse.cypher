// Forget the reuse of the clauses $clause_ids, whose family changed: their family and the
// REUSES from them.
// Parameters: $clause_ids
// Returns: nothing
MATCH (clause:Clause)
WHERE clause.id IN $clause_ids
REMOVE clause.reuse_family
WITH clause
MATCH (clause)-[reuse:REUSES]->()
DELETE reuse

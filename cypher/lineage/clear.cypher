// Forget the lineage of the plans $plan_ids before it is computed again: the parents they were
// aligned against, their clauses' labels, scores and nearest parent clauses, and the ECHOES from
// their clauses.
// Parameters: $plan_ids
// Returns: nothing
MATCH (plan:Plan)
WHERE plan.id IN $plan_ids
REMOVE plan.lineage_parents
WITH plan
MATCH (clause:Clause {plan_id: plan.id})
WHERE clause.lineage IS NOT NULL
REMOVE clause.lineage, clause.lineage_score, clause.lineage_nearest
WITH clause
MATCH (clause)-[echo:ECHOES]->()
DELETE echo

// Mark the plans $plan_ids as waiting for their lineage: written, or made stale, by a chunk of a
// bulk load (Neo4jStore.load_plans with lineage=False); Neo4jStore.complete_lineage computes it.
// Parameters: $plan_ids
// Returns: nothing
MATCH (plan:Plan)
WHERE plan.id IN $plan_ids
SET plan.lineage_pending = true

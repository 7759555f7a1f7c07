// Mark the plans $plan_ids as written without their lineage, which a later transaction of the
// same load computes (Neo4jStore.load_plans with lineage=False, then refresh_lineage).
// Parameters: $plan_ids
// Returns: nothing
MATCH (plan:Plan)
WHERE plan.id IN $plan_ids
SET plan.lineage_pending = true

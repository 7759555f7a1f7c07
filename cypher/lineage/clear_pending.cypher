// The lineage of the plans $plan_ids is computed: they no longer wait for it.
// Parameters: $plan_ids
// Returns: nothing
MATCH (plan:Plan)
WHERE plan.id IN $plan_ids AND plan.lineage_pending
REMOVE plan.lineage_pending

// Which of these plan ids the database holds already. A plan's id is the hash of its bytes, so a
// plan that is there is there whole (it was written in one transaction): loading it again skips it.
// Parameters: $plan_ids
// Returns: id
UNWIND $plan_ids AS plan_id
MATCH (plan:Plan {id: plan_id})
RETURN plan.id AS id

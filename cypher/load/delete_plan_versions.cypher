// Remove earlier versions of plan files — for each of $plans ({source, plan_id}), the plans from
// that source other than plan_id — with their sections, clauses and SERVES links. Shared nodes
// stay; nodes left with no relationship at all are removed afterwards by delete_orphans.
// Parameters: $plans
// Returns: deleted
UNWIND $plans AS version
MATCH (plan:Plan {source: version.source})
WHERE plan.id <> version.plan_id
CALL (plan) {
  MATCH ()-[serves:SERVES {plan_id: plan.id}]->()
  DELETE serves
}
CALL (plan) {
  MATCH (section:Section {plan_id: plan.id})
  DETACH DELETE section
}
CALL (plan) {
  MATCH (clause:Clause {plan_id: plan.id})
  DETACH DELETE clause
}
DETACH DELETE plan
RETURN count(*) AS deleted

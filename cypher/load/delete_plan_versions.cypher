// Remove earlier versions of a plan file — plans from $source other than $plan_id — with their
// sections, clauses and SERVES links. Shared nodes stay; nodes left with no relationship at all
// are removed afterwards by delete_orphans.
// Parameters: $source, $plan_id
// Returns: nothing
MATCH (plan:Plan {source: $source})
WHERE plan.id <> $plan_id
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

// Remove earlier versions of plan files — for each of $plans ({source, plan_id}), the plans from
// that source other than plan_id — with their sections, clauses and SERVES links. Shared nodes
// stay; nodes left with no relationship at all are removed afterwards by delete_orphans. For each
// new plan that replaced some, the ids it replaced (and those they had replaced), one list per
// removed plan.
// Parameters: $plans
// Returns: plan_id, replaced
UNWIND $plans AS version
MATCH (plan:Plan {source: version.source})
WHERE plan.id <> version.plan_id
WITH version, plan, [plan.id] + coalesce(plan.replaces, []) AS replaced
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
RETURN version.plan_id AS plan_id, collect(replaced) AS replaced

// The plans each plan was aligned against (as graph/sql/lineage/set_plan.sql).
// Parameters: $rows
// Returns: nothing
UNWIND $rows AS row
MATCH (plan:Plan {id: row.id})
SET plan.lineage_parents = row.parents

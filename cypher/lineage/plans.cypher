// Every plan with its region, the plans it was last aligned against and whether its lineage
// waits for the end of its load, for lineage (as graph/sql/lineage/plans.sql, which has no
// alignment yet to report and nothing pending).
// Parameters: none
// Returns: plan_id, region_code, issued_on, lineage_parents, lineage_pending
MATCH (plan:Plan)
RETURN plan.id AS plan_id, plan.region_code AS region_code, plan.issued_on AS issued_on,
       plan.lineage_parents AS lineage_parents, coalesce(plan.lineage_pending, false) AS lineage_pending
ORDER BY plan_id

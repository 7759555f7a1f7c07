// Every plan with its region and the plans it was last aligned against, for lineage (as
// graph/sql/lineage/plans.sql, which has no alignment yet to report).
// Parameters: none
// Returns: plan_id, region_code, issued_on, lineage_parents
MATCH (plan:Plan)
RETURN plan.id AS plan_id, plan.region_code AS region_code, plan.issued_on AS issued_on,
       plan.lineage_parents AS lineage_parents
ORDER BY plan_id

// Per plan (of $region_codes, or all): the plans it was aligned against, how many of its clauses
// are statements, how many of those echo, elaborate or are local, and how many are in a family of
// near-same clauses that spans two regions or more.
// Parameters: $region_codes
// Returns: plan_id, plan_title, region_code, region_name, parents, statements, echo,
//          elaboration, local, reused
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE $region_codes IS NULL OR region.code IN $region_codes
CALL (plan) {
  MATCH (clause:Clause {plan_id: plan.id})
  WHERE clause.statement
  RETURN count(clause) AS statements,
         count(CASE clause.lineage WHEN 'echo' THEN 1 END) AS echo,
         count(CASE clause.lineage WHEN 'elaboration' THEN 1 END) AS elaboration,
         count(CASE clause.lineage WHEN 'local' THEN 1 END) AS local,
         count(clause.reuse_family) AS reused
}
RETURN plan.id AS plan_id, plan.title AS plan_title, region.code AS region_code,
       region.name AS region_name, coalesce(plan.lineage_parents, []) AS parents, statements,
       echo, elaboration, local, reused
ORDER BY region_code, plan_id

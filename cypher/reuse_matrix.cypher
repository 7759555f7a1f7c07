// The region × region reuse counts: for each ordered pair of regions (of $region_codes, or all),
// how many statement clauses of the first's plans are in a family of near-same clauses with a
// clause of the second's.
// Parameters: $region_codes
// Returns: region_code, region_name, other_region_code, other_region_name, reused
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE $region_codes IS NULL OR region.code IN $region_codes
MATCH (clause:Clause {plan_id: plan.id})
WHERE clause.reuse_family IS NOT NULL AND clause.statement
MATCH (other:Clause {reuse_family: clause.reuse_family})
MATCH (other_region:Region)-[:ISSUED]->(:Plan {id: other.plan_id})
WHERE other_region <> region
  AND ($region_codes IS NULL OR other_region.code IN $region_codes)
WITH region, other_region, count(DISTINCT clause) AS reused
RETURN region.code AS region_code, region.name AS region_name,
       other_region.code AS other_region_code, other_region.name AS other_region_name, reused
ORDER BY region_code, other_region_code

// Near-same clauses of plans of different regions, pair by pair, as the reuse matrix counts them:
// each statement clause of a family of near-same clauses (of the plans of $region_codes, or of
// all) with, for each other region whose plans hold a clause of the family, that region's
// earliest such clause (plan date, plan id, document order); both quoted, and the family's root.
// A cell of /reuse counts a region's clauses that have a pair here with the other region.
// Parameters: $region_codes
// Returns: region_code, region_name, plan_id, clause_id, section_path, text, other_region_code,
//          other_region_name, other_plan_id, other_clause_id, other_section_path, other_text,
//          family
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE $region_codes IS NULL OR region.code IN $region_codes
MATCH (clause:Clause {plan_id: plan.id})
WHERE clause.reuse_family IS NOT NULL AND clause.statement
MATCH (other:Clause {reuse_family: clause.reuse_family})
MATCH (other_region:Region)-[:ISSUED]->(other_plan:Plan {id: other.plan_id})
WHERE other_region <> region
  AND ($region_codes IS NULL OR other_region.code IN $region_codes)
WITH region, clause, other_region, other
ORDER BY coalesce(other_plan.issued_on, '9999'), other_plan.id, other.ordinal
WITH region, clause, other_region, head(collect(other)) AS other
MATCH (section:Section {id: clause.section_id})
MATCH (other_section:Section {id: other.section_id})
RETURN region.code AS region_code, region.name AS region_name, clause.plan_id AS plan_id,
       clause.id AS clause_id, section.path AS section_path, clause.text AS text,
       other_region.code AS other_region_code, other_region.name AS other_region_name,
       other.plan_id AS other_plan_id, other.id AS other_clause_id,
       other_section.path AS other_section_path, other.text AS other_text,
       clause.reuse_family AS family
ORDER BY region_code, other_region_code, clause_id, other_clause_id

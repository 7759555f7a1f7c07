// Regions whose plans fund or cover a program, each row with the clause that says so.
// $relation is FUNDS or COVERS. $level (country, province, prefecture, county; null for any) keeps
// regions of that level; with $include_subregions a plan of a sub-region counts for its ancestor at
// $level (a prefecture's plan answers for its province).
// Parameters: $program_id, $relation, $level, $include_subregions
// Returns: region_code, region_name, region_level, plan_id, plan_title, plan_region_code,
//          section_path, section_heading, clause_id, evidence, instrument, amount_yuan, locator,
//          plan_source_url
MATCH (issuer:Region)-[:ISSUED]->(plan:Plan)-[rel]->(:Program {id: $program_id})
WHERE type(rel) = $relation
MATCH (issuer)-[:PART_OF*0..]->(region:Region)
WHERE ($level IS NULL AND region = issuer)
   OR (region.level = $level AND (region = issuer OR $include_subregions))
WITH region, issuer, plan, rel,
     CASE type(rel) WHEN 'FUNDS' THEN rel.clause_id ELSE rel.clause_ids[0] END AS clause_id
MATCH (section:Section)-[:HAS_CLAUSE]->(clause:Clause {id: clause_id})
RETURN region.code AS region_code, region.name AS region_name, region.level AS region_level,
       plan.id AS plan_id, plan.title AS plan_title, issuer.code AS plan_region_code,
       section.path AS section_path, section.heading AS section_heading, clause_id,
       coalesce(rel.evidence, clause.text) AS evidence, rel.instrument AS instrument,
       rel.amount_yuan AS amount_yuan, clause.locator AS locator, plan.source_url AS plan_source_url
ORDER BY region_code, plan_id, clause.ordinal

// Near-same clauses of plans of different regions: each clause of a family of near-same clauses
// with the family's root (its earliest clause, of another region), both quoted, and the Jaccard
// similarity of their trigrams. $region_codes (a list, or null for all) keeps the pairs whose two
// plans are both of those regions.
// Parameters: $region_codes
// Returns: region_code, region_name, plan_id, clause_id, section_path, text, other_region_code,
//          other_region_name, other_plan_id, other_clause_id, other_section_path, other_text,
//          score
MATCH (clause:Clause)-[reuse:REUSES]->(other:Clause)
MATCH (region:Region)-[:ISSUED]->(:Plan {id: clause.plan_id})
MATCH (other_region:Region)-[:ISSUED]->(:Plan {id: other.plan_id})
WHERE $region_codes IS NULL
   OR (region.code IN $region_codes AND other_region.code IN $region_codes)
MATCH (section:Section {id: clause.section_id})
MATCH (other_section:Section {id: other.section_id})
RETURN region.code AS region_code, region.name AS region_name, clause.plan_id AS plan_id,
       clause.id AS clause_id, section.path AS section_path, clause.text AS text,
       other_region.code AS other_region_code, other_region.name AS other_region_name,
       other.plan_id AS other_plan_id, other.id AS other_clause_id,
       other_section.path AS other_section_path, other.text AS other_text, reuse.score AS score
ORDER BY region_code, other_region_code, clause_id, other_clause_id

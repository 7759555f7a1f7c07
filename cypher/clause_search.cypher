// Full-text search over clause text (CJK bigram index), keeping clauses that contain one of the
// terms exactly, with plan and section. $lucene is the terms as escaped Lucene phrases joined by
// OR, made by the question; $region_code (null for all) keeps one region's plans.
// Parameters: $lucene, $terms, $region_code
// Returns: region_code, plan_id, plan_title, section_path, section_heading, clause_id, text,
//          locator, plan_source_url
CALL db.index.fulltext.queryNodes('clause_text', $lucene) YIELD node AS clause
WHERE any(term IN $terms WHERE clause.text CONTAINS term)
MATCH (region:Region)-[:ISSUED]->(plan:Plan {id: clause.plan_id})
WHERE $region_code IS NULL OR region.code = $region_code
MATCH (section:Section {id: clause.section_id})
RETURN region.code AS region_code, plan.id AS plan_id, plan.title AS plan_title,
       section.path AS section_path, section.heading AS section_heading, clause.id AS clause_id,
       clause.text AS text, clause.locator AS locator, plan.source_url AS plan_source_url
ORDER BY plan_id, clause.ordinal

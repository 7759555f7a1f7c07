// The region × program (or × target group) matrix: per cell, how many clauses support it and the
// first of them, with its plan and section. $relation is COVERS or FUNDS; $label is Program or
// TargetGroup; $region_codes (a list, or null for all) keeps those regions' rows.
// Parameters: $relation, $label, $region_codes
// Returns: region_code, region_name, entity_id, entity_name, clauses, first_plan_id,
//          first_section_path, first_clause_id, first_evidence, first_locator
MATCH (region:Region)-[:ISSUED]->(:Plan)-[rel]->(entity)
WHERE type(rel) = $relation AND $label IN labels(entity)
  AND ($region_codes IS NULL OR region.code IN $region_codes)
UNWIND CASE type(rel) WHEN 'FUNDS' THEN [rel.clause_id] ELSE rel.clause_ids END AS clause_id
MATCH (clause:Clause {id: clause_id})
WITH region, entity, clause,
     CASE type(rel) WHEN 'FUNDS' THEN rel.evidence ELSE clause.text END AS evidence
ORDER BY clause.plan_id, clause.ordinal
WITH region, entity, collect(clause) AS clauses, collect(evidence) AS evidences
WITH region, entity, clauses, evidences, clauses[0] AS first
MATCH (section:Section {id: first.section_id})
RETURN region.code AS region_code, region.name AS region_name, entity.id AS entity_id,
       entity.name AS entity_name, size(clauses) AS clauses, first.plan_id AS first_plan_id,
       section.path AS first_section_path, first.id AS first_clause_id,
       evidences[0] AS first_evidence, first.locator AS first_locator
ORDER BY region_code, entity_id

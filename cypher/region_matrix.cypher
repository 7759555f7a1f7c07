// The region × program (or × target group) matrix: per cell, how many clauses support it and the
// first of them. $relation is COVERS or FUNDS; $label is Program or TargetGroup.
// Parameters: $relation, $label
// Returns: region_code, region_name, entity_id, entity_name, clauses, first_clause_id, first_evidence
MATCH (region:Region)-[:ISSUED]->(:Plan)-[rel]->(entity)
WHERE type(rel) = $relation AND $label IN labels(entity)
UNWIND CASE type(rel) WHEN 'FUNDS' THEN [rel.clause_id] ELSE rel.clause_ids END AS clause_id
MATCH (clause:Clause {id: clause_id})
WITH region, entity, clause,
     CASE type(rel) WHEN 'FUNDS' THEN rel.evidence ELSE clause.text END AS evidence
ORDER BY clause.plan_id, clause.ordinal
WITH region, entity, collect(clause.id) AS clause_ids, collect(evidence) AS evidences
RETURN region.code AS region_code, region.name AS region_name, entity.id AS entity_id,
       entity.name AS entity_name, size(clause_ids) AS clauses, clause_ids[0] AS first_clause_id,
       evidences[0] AS first_evidence
ORDER BY region_code, entity_id

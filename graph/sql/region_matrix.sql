-- The region × program (or × target group) matrix: per cell, how many clauses support it and the
-- first of them, the first clause of the cell's first plan (as cypher/region_matrix.cypher).
-- :relation is COVERS or FUNDS; :label Program or TargetGroup. The cells are made with the file
-- (store/index.sql).
-- Parameters: :relation, :label
-- Returns: region_code, region_name, entity_id, entity_name, clauses, first_clause_id, first_evidence
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'entity_id', cell.entity_id, 'entity_name', entity.props ->> '$.name', 'clauses', cell.clauses,
  'first_clause_id', cell.first_clause_id, 'first_evidence', cell.first_evidence
)
FROM matrix_cell AS cell
JOIN node AS region ON region.id = cell.region_id
JOIN node AS entity ON entity.id = cell.entity_id
WHERE cell.relation = :relation AND cell.entity_label = :label
ORDER BY region.props ->> '$.code', cell.entity_id

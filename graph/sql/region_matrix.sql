-- The region × program (or × target group) matrix: per cell, how many clauses support it and the
-- first of them, the first clause of the cell's first plan, with its plan and section (as
-- cypher/region_matrix.cypher). :relation is COVERS or FUNDS; :label Program or TargetGroup;
-- :region_codes (a JSON list, or null for all) keeps those regions' rows. The cells are made
-- with the file (store/index.sql).
-- Parameters: :relation, :label, :region_codes
-- Returns: region_code, region_name, entity_id, entity_name, clauses, first_plan_id,
--          first_section_path, first_clause_id, first_evidence, first_locator
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'entity_id', cell.entity_id, 'entity_name', entity.props ->> '$.name', 'clauses', cell.clauses,
  'first_plan_id', clause.plan_id, 'first_section_path', section.props ->> '$.path',
  'first_clause_id', cell.first_clause_id, 'first_evidence', cell.first_evidence,
  'first_locator', clause.props ->> '$.locator'
)
FROM matrix_cell AS cell
JOIN node AS region ON region.id = cell.region_id
JOIN node AS entity ON entity.id = cell.entity_id
JOIN node AS clause ON clause.id = cell.first_clause_id
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
WHERE cell.relation = :relation AND cell.entity_label = :label
  AND (:region_codes IS NULL
       OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
ORDER BY region.props ->> '$.code', cell.entity_id

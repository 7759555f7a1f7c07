-- The statement clauses of every plan, in document order, for lineage (as
-- cypher/lineage/clauses.cypher).
-- Parameters: none
-- Returns: plan_id, clause_id, text, section_id, reuse_family
SELECT json_object(
  'plan_id', clause.plan_id, 'clause_id', clause.id, 'text', clause.props ->> '$.text',
  'section_id', clause.props ->> '$.section_id',
  'reuse_family', clause.props ->> '$.reuse_family'
)
FROM node AS clause
WHERE clause.label = 'Clause' AND clause.props ->> '$.statement'
ORDER BY clause.plan_id, clause.props ->> '$.ordinal'

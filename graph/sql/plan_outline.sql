-- A plan's outline: its sections in document order, with their clause counts (as
-- cypher/plan_outline.cypher).
-- Parameters: :plan_id
-- Returns: section_id, path, heading, level, kind, clauses
SELECT json_object(
  'section_id', section.id, 'path', section.props ->> '$.path',
  'heading', section.props ->> '$.heading', 'level', section.props ->> '$.level',
  'kind', section.props ->> '$.kind',
  'clauses', (SELECT count(*) FROM edge AS has
              WHERE has.source = section.id AND has.type = 'HAS_CLAUSE')
)
FROM node AS section
WHERE section.plan_id = :plan_id AND section.label = 'Section'
ORDER BY section.props ->> '$.position'

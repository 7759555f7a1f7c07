-- The documents one plan cites in 《》, with the clause that cites each (as
-- cypher/plan_citations.cypher).
-- Parameters: :plan_id
-- Returns: document_id, title, clause_id, text
SELECT json_object(
  'document_id', document.id, 'title', document.props ->> '$.title',
  'clause_id', cites.props ->> '$.clause_id', 'text', clause.props ->> '$.text'
)
FROM edge AS cites
JOIN node AS document ON document.id = cites.target
JOIN node AS clause ON clause.id = cites.props ->> '$.clause_id'
WHERE cites.source = :plan_id AND cites.type = 'CITES'
ORDER BY clause.props ->> '$.ordinal', document.id

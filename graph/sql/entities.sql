-- The target groups, programs or indicators (:label), with their aliases and how many plans
-- cover or set targets for them (as cypher/entities.cypher). :text (null for all) keeps those
-- whose name or an alias contains it; :kind (null for all) one kind.
-- Parameters: :label, :text, :kind
-- Returns: id, name, aliases, kind, curated, unit, plans
SELECT json_object(
  'id', entity.id, 'name', entity.props ->> '$.name', 'aliases', entity.props -> '$.aliases',
  'kind', entity.props ->> '$.kind', 'curated', entity.props -> '$.curated',
  'unit', entity.props ->> '$.unit',
  'plans', (SELECT count(*) FROM edge AS rel
            WHERE rel.target = entity.id AND rel.type IN ('COVERS', 'SETS_TARGET'))
)
FROM node AS entity
WHERE entity.label = :label
  AND (:kind IS NULL OR entity.props ->> '$.kind' = :kind)
  AND (:text IS NULL OR instr(entity.props ->> '$.name', :text) > 0
       OR EXISTS (SELECT 1 FROM json_each(entity.props -> '$.aliases') AS alias
                  WHERE instr(alias.value, :text) > 0))
ORDER BY entity.id

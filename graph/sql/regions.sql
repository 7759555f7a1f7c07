-- The regions in the graph as a tree: code, names, level, parent, and how many plans each issued
-- (as cypher/regions.cypher).
-- Parameters: none
-- Returns: code, name, short_name, level, parent_code, plans
SELECT json_object(
  'code', region.props ->> '$.code', 'name', region.props ->> '$.name',
  'short_name', region.props ->> '$.short_name', 'level', region.props ->> '$.level',
  'parent_code', (SELECT parent.props ->> '$.code' FROM edge AS part
                  JOIN node AS parent ON parent.id = part.target
                  WHERE part.source = region.id AND part.type = 'PART_OF'),
  'plans', (SELECT count(*) FROM edge AS issued
            WHERE issued.source = region.id AND issued.type = 'ISSUED')
)
FROM node AS region
WHERE region.label = 'Region'
ORDER BY region.props ->> '$.code'

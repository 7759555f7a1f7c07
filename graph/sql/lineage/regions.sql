-- Each region's parent, for finding a plan's parent plans (as cypher/lineage/regions.cypher).
-- Parameters: none
-- Returns: code, parent_code
SELECT DISTINCT json_object(
  'code', child.props ->> '$.code', 'parent_code', parent.props ->> '$.code'
)
FROM edge AS part
JOIN node AS child ON child.id = part.source
JOIN node AS parent ON parent.id = part.target
WHERE part.type = 'PART_OF'

-- Each clause of a family of near-same clauses with the family's root of another region, both
-- quoted (as
-- cypher/reuse_pairs.cypher). :region_codes (a JSON list, or null) keeps the pairs whose two
-- plans are both of those regions.
-- Parameters: :region_codes
-- Returns: region_code, region_name, plan_id, clause_id, section_path, text, other_region_code,
--          other_region_name, other_plan_id, other_clause_id, other_section_path, other_text,
--          score
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'plan_id', clause.plan_id, 'clause_id', clause.id, 'section_path', section.props ->> '$.path',
  'text', clause.props ->> '$.text', 'other_region_code', other_region.props ->> '$.code',
  'other_region_name', other_region.props ->> '$.name', 'other_plan_id', other.plan_id,
  'other_clause_id', other.id, 'other_section_path', other_section.props ->> '$.path',
  'other_text', other.props ->> '$.text', 'score', reuse.props -> '$.score'
)
FROM edge AS reuse
JOIN node AS clause ON clause.id = reuse.source
JOIN node AS other ON other.id = reuse.target
JOIN edge AS issued ON issued.target = clause.plan_id AND issued.type = 'ISSUED'
JOIN node AS region ON region.id = issued.source
JOIN edge AS other_issued ON other_issued.target = other.plan_id AND other_issued.type = 'ISSUED'
JOIN node AS other_region ON other_region.id = other_issued.source
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
JOIN node AS other_section ON other_section.id = other.props ->> '$.section_id'
WHERE reuse.type = 'REUSES'
  AND (:region_codes IS NULL OR (
    region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes))
    AND other_region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes))))
ORDER BY region.props ->> '$.code', other_region.props ->> '$.code', clause.id, other.id

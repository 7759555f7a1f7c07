-- Targets across regions with the section and quote each rests on (as
-- cypher/indicator_targets.cypher). :indicator_id, :plan_id, :region_codes (a JSON list),
-- :year, :scope and :main (null for all) filter.
-- Parameters: :indicator_id, :plan_id, :region_codes, :year, :scope, :main
-- Returns: region_code, region_name, plan_id, plan_title, indicator, value, value_text, unit,
--          comparator, year, scope, normalized_value, normalized_unit, baseline_value,
--          baseline_year, attribute, main, section_path, clause_id, evidence, indicator_id, locator,
--          plan_source_url
SELECT json_object(
  'region_code', region.props ->> '$.code', 'region_name', region.props ->> '$.name',
  'plan_id', plan.id, 'plan_title', plan.props ->> '$.title',
  'indicator', indicator.props ->> '$.name', 'value', target.props -> '$.value',
  'value_text', target.props ->> '$.value_text', 'unit', target.props ->> '$.unit',
  'comparator', target.props ->> '$.comparator', 'year', target.props ->> '$.year',
  'scope', target.props ->> '$.scope', 'normalized_value', target.props -> '$.normalized_value',
  'normalized_unit', target.props ->> '$.normalized_unit',
  'baseline_value', target.props -> '$.baseline_value',
  'baseline_year', target.props ->> '$.baseline_year', 'attribute', target.props ->> '$.attribute',
  'main', target.props -> '$.main', 'section_path', section.props ->> '$.path',
  'clause_id', target.props ->> '$.clause_id', 'evidence', target.props ->> '$.evidence',
  'indicator_id', indicator.id, 'locator', clause.props ->> '$.locator',
  'plan_source_url', plan.props ->> '$.source_url'
)
FROM node AS region
CROSS JOIN edge AS issued ON issued.source = region.id AND issued.type = 'ISSUED'
CROSS JOIN edge AS target ON target.source = issued.target AND target.type = 'SETS_TARGET'
JOIN node AS indicator ON indicator.id = target.target
JOIN node AS plan ON plan.id = target.source
JOIN node AS clause ON clause.id = target.props ->> '$.clause_id'
JOIN node AS section ON section.id = clause.props ->> '$.section_id'
WHERE region.label = 'Region'
  AND (:indicator_id IS NULL OR target.target = :indicator_id)
  AND (:plan_id IS NULL OR issued.target = :plan_id)
  AND (:region_codes IS NULL OR region.props ->> '$.code' IN (SELECT value FROM json_each(:region_codes)))
  AND (:year IS NULL OR target.props ->> '$.year' = :year)
  AND (:scope IS NULL OR target.props ->> '$.scope' = :scope)
  AND (:main IS NULL OR target.props ->> '$.main' = :main)
ORDER BY region.props ->> '$.code', plan.id, clause.props ->> '$.ordinal', indicator.id,
         target.props ->> '$.value_text'

// Targets across regions: value as written and normalised, unit, comparator, year, scope,
// baseline and attribute, with the section and quote each rests on. $indicator_id and $plan_id
// (or null for all), $region_codes (a list, or null for all), $year, $scope and $main (or null)
// filter.
// Parameters: $indicator_id, $plan_id, $region_codes, $year, $scope, $main
// Returns: region_code, region_name, plan_id, plan_title, indicator, value, value_text, unit,
//          comparator, year, scope, normalized_value, normalized_unit, baseline_value,
//          baseline_year, attribute, main, section_path, clause_id, evidence, indicator_id, locator,
//          plan_source_url
MATCH (region:Region)-[:ISSUED]->(plan:Plan)-[target:SETS_TARGET]->(indicator:Indicator)
WHERE ($indicator_id IS NULL OR indicator.id = $indicator_id)
  AND ($plan_id IS NULL OR plan.id = $plan_id)
  AND ($region_codes IS NULL OR region.code IN $region_codes)
  AND ($year IS NULL OR target.year = $year)
  AND ($scope IS NULL OR target.scope = $scope)
  AND ($main IS NULL OR target.main = $main)
MATCH (section:Section)-[:HAS_CLAUSE]->(clause:Clause {id: target.clause_id})
RETURN region.code AS region_code, region.name AS region_name, plan.id AS plan_id,
       plan.title AS plan_title, indicator.name AS indicator, target.value AS value,
       target.value_text AS value_text, target.unit AS unit, target.comparator AS comparator,
       target.year AS year, target.scope AS scope, target.normalized_value AS normalized_value,
       target.normalized_unit AS normalized_unit, target.baseline_value AS baseline_value,
       target.baseline_year AS baseline_year, target.attribute AS attribute, target.main AS main,
       section.path AS section_path, target.clause_id AS clause_id, target.evidence AS evidence,
       indicator.id AS indicator_id, clause.locator AS locator, plan.source_url AS plan_source_url
ORDER BY region_code, plan_id, clause.ordinal, indicator_id, value_text

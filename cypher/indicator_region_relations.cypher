// Which regions' plans set a target for an indicator and which only mention it: one row per
// region and relation, no quotes (what /indicators/{name}/targets needs to tell sets_target,
// mentions and silent apart).
// Parameters: $indicator_id
// Returns: region_code, relation
CALL {
  MATCH (region:Region)-[:ISSUED]->(:Plan)-[:SETS_TARGET]->(:Indicator {id: $indicator_id})
  RETURN region.code AS region_code, 'SETS_TARGET' AS relation
  UNION
  MATCH (clause:Clause)-[:MENTIONS]->(:Indicator {id: $indicator_id})
  MATCH (region:Region)-[:ISSUED]->(:Plan {id: clause.plan_id})
  RETURN region.code AS region_code, 'MENTIONS' AS relation
}
RETURN region_code, relation
ORDER BY region_code, relation

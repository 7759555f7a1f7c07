// The clauses behind a COVERS or FUNDS, each with its policy instrument (class and sub-type),
// whether it funds, and what it is about (the programs and groups it names or funds, by name:
// those the plan COVERS by it): of $region_codes' plans (null for all), of one class
// $policy_instrument (null for all).
// Parameters: $region_codes, $policy_instrument
// Returns: region_code, region_name, plan_id, clause_id, section_path, text, locator,
//          policy_instrument, policy_instrument_type, funds, about
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE $region_codes IS NULL OR region.code IN $region_codes
MATCH (clause:Clause {plan_id: plan.id})
WHERE clause.policy_instrument IS NOT NULL
  AND ($policy_instrument IS NULL OR clause.policy_instrument = $policy_instrument)
MATCH (section:Section {id: clause.section_id})
WITH region, plan, clause, section, COLLECT {
  CALL (plan, clause) {
    MATCH (clause)-[:MENTIONS]->(entity)
    WHERE entity:Program OR entity:TargetGroup
    RETURN entity.name AS name
    UNION
    MATCH (plan)-[funds:FUNDS]->(entity)
    WHERE funds.clause_id = clause.id
    RETURN entity.name AS name
  }
  RETURN name ORDER BY name
} AS about
RETURN region.code AS region_code, region.name AS region_name, plan.id AS plan_id,
       clause.id AS clause_id,
       section.path AS section_path, clause.text AS text, clause.locator AS locator,
       clause.policy_instrument AS policy_instrument,
       clause.policy_instrument_type AS policy_instrument_type,
       EXISTS { MATCH (plan)-[f:FUNDS]->() WHERE f.clause_id = clause.id } AS funds, about
ORDER BY region_code, plan_id, clause.ordinal

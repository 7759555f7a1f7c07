// The region × policy instrument profile: per region (of $region_codes, or all), instrument
// class and sub-type, how many of its clauses behind a COVERS or FUNDS commit to it, how many of
// those fund, and the first such clause (plan, section, quote).
// Parameters: $region_codes
// Returns: region_code, region_name, policy_instrument, policy_instrument_type, clauses, funds,
//          first_plan_id, first_clause_id, first_section_path, first_text
MATCH (region:Region)-[:ISSUED]->(plan:Plan)
WHERE $region_codes IS NULL OR region.code IN $region_codes
MATCH (clause:Clause {plan_id: plan.id})
WHERE clause.policy_instrument IS NOT NULL
WITH region, clause,
     EXISTS { MATCH (plan)-[f:FUNDS]->() WHERE f.clause_id = clause.id } AS funds
ORDER BY clause.plan_id, clause.ordinal
WITH region, clause.policy_instrument AS policy_instrument,
     clause.policy_instrument_type AS policy_instrument_type, collect(clause) AS clauses,
     count(CASE WHEN funds THEN 1 END) AS funds
WITH region, policy_instrument, policy_instrument_type, clauses, funds, clauses[0] AS first
MATCH (first_section:Section {id: first.section_id})
RETURN region.code AS region_code, region.name AS region_name, policy_instrument,
       policy_instrument_type, size(clauses) AS clauses, funds, first.plan_id AS first_plan_id,
       first.id AS first_clause_id, first_section.path AS first_section_path,
       first.text AS first_text
ORDER BY region_code, policy_instrument, policy_instrument_type

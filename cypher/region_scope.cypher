// The ids of a region's part of the graph, for export: the plans of the region and its
// sub-regions, their sections and clauses, every entity and document they touch, and the regions
// from the issuers up to the country.
// Parameters: $region_code
// Returns: id
MATCH (:Region {code: $region_code})<-[:PART_OF*0..]-(issuer:Region)-[:ISSUED]->(plan:Plan)
WITH collect(DISTINCT plan) AS plans, collect(DISTINCT issuer) AS issuers
CALL (plans, issuers) {
  UNWIND plans AS plan
  RETURN plan.id AS id
  UNION
  UNWIND plans AS plan
  MATCH (section:Section {plan_id: plan.id})
  RETURN section.id AS id
  UNION
  UNWIND plans AS plan
  MATCH (clause:Clause {plan_id: plan.id})
  RETURN clause.id AS id
  UNION
  UNWIND plans AS plan
  MATCH (clause:Clause {plan_id: plan.id})-[:MENTIONS]->(entity)
  RETURN entity.id AS id
  UNION
  UNWIND plans AS plan
  MATCH (plan)-[:COVERS|FUNDS|SETS_TARGET|CITES]->(entity)
  RETURN entity.id AS id
  UNION
  UNWIND issuers AS issuer
  MATCH (issuer)-[:PART_OF*0..]->(region:Region)
  RETURN region.id AS id
}
RETURN id
ORDER BY id
